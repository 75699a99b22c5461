"""Where the countries of the glossary lie, for list questions by place ("which cases come from
Africa?", "亚洲有哪些案例？").

The knowledge tags a case with its countries and, for a regional case, its region; which continent a
country lies on is plain geography, not a fact about the Sourcebook, so it lives here rather than
in knowledge/. Names are the glossary's canonical English names (countries and regions); a test
checks that every country a knowledge item is tagged with is placed.
"""

from __future__ import annotations

_AFRICA = ("Africa",)
_CENTRAL = ("Africa", "Central Africa", "West and Central Africa")
_WEST = ("Africa", "West Africa", "West and Central Africa")
_EAST = ("Africa",)

REGIONS_OF: dict[str, tuple[str, ...]] = {
    "Palau": ("Pacific", "Asia-Pacific"),
    "Uganda": _EAST, "Kenya": _EAST, "Rwanda": _EAST, "Tanzania": _EAST, "Eritrea": _EAST,
    "Burundi": _EAST, "Mauritius": _EAST, "Seychelles": _EAST,
    "Egypt": _AFRICA, "Morocco": _AFRICA, "South Africa": _AFRICA,
    "Cameroon": _CENTRAL, "Chad": _CENTRAL, "Central African Republic": _CENTRAL,
    "São Tomé and Príncipe": _CENTRAL, "Democratic Republic of the Congo": _CENTRAL,
    "Benin": _WEST, "Burkina Faso": _WEST, "Côte d'Ivoire": _WEST, "Niger": _WEST,
    "Senegal": _WEST, "Togo": _WEST, "Liberia": _WEST, "Ghana": _WEST,
    "Iraq": ("Asia", "West Asia"), "Iran": ("Asia", "West Asia"),
    "Afghanistan": ("Asia", "South Asia"), "Nepal": ("Asia", "South Asia", "Asia-Pacific"),
    "Bhutan": ("Asia", "South Asia", "Asia-Pacific"), "Pakistan": ("Asia", "South Asia"),
    "Maldives": ("Asia", "South Asia"), "Sri Lanka": ("Asia", "South Asia"),
    "Lao PDR": ("Asia", "Asia-Pacific"), "Cambodia": ("Asia", "Asia-Pacific"),
    "Indonesia": ("Asia", "Asia-Pacific"), "China": ("Asia", "Asia-Pacific"),
    "Finland": ("Europe", "European Union"), "Slovenia": ("Europe", "European Union"),
    "Belgium": ("Europe", "European Union"), "Germany": ("Europe", "European Union"),
    "France": ("Europe", "European Union"), "Switzerland": ("Europe",), "Norway": ("Europe",),
    "Mexico": ("Latin America", "Latin America and the Caribbean"),
    "Brazil": ("Latin America", "Latin America and the Caribbean"),
    "Panama": ("Latin America", "Latin America and the Caribbean"),
    "Uruguay": ("Latin America", "Latin America and the Caribbean"),
    "Canada": (), "United States": (),
}

# Regions inside others: a case tagged "Central Africa" comes from Africa too.
PARENTS: dict[str, tuple[str, ...]] = {
    "Central Africa": ("Africa", "West and Central Africa"),
    "West Africa": ("Africa", "West and Central Africa"),
    "West and Central Africa": ("Africa",),
    "francophone Africa": ("Africa",),
    "Congo Basin": ("Africa", "Central Africa"),
    "European Union": ("Europe",),
    "South Asia": ("Asia", "Asia-Pacific"),
    "West Asia": ("Asia",),
    "Caribbean": ("Latin America and the Caribbean",),
    "Latin America": ("Latin America and the Caribbean",),
}


def places_of(countries: tuple[str, ...], region: str | None) -> frozenset[str]:
    """Every place (lower-case) an item is from: its countries, their regions, its own region and
    the regions that contain it."""
    out: set[str] = set(countries)
    for country in countries:
        out.update(REGIONS_OF.get(country, ()))
    if region:
        out.add(region)
    for place in list(out):
        out.update(PARENTS.get(place, ()))
    return frozenset(p.lower() for p in out)
