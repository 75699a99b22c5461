"""Citations an official can trust: a source URL is the publisher's own site (a convention, a UN
body, a government, the organisation or university that published it) or is labelled a copy."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from bot.foundation.config import REPO_ROOT
from bot.knowledge import Knowledge, load_knowledge

# Publishers' own sites: conventions and their secretariats, UN bodies and programmes, the GEF and
# the World Bank, governments and their agencies, regional organisations, the research projects,
# universities and journals that published what is cited.
PRIMARY_DOMAINS = frozenset("""
cbd.int chm-cbd.net cites.org cms.int migratoryspecies.org unep-aewa.org ramsar.org fao.org
unesco.org unep.org unep-wcmc.org informea.org brsmeas.org ipbes.net undp.org
biodiversityfinance.net nbsapforum.net thegef.org wwfgeftracks.com worldbank.org iisd.org
europa.eu eubon.eu geobon.org bipnational.net abs-initiative.info comifac.org pfbc-cbfp.org
comcec.org gob.mx gov.vn mak.ac.ug ugandawildlife.org luonnontila.fi biodiversity.fi biodiv.be
ijer.ut.ac.ir hippocampus.si tudor-rose.co.uk
""".split())


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge(REPO_ROOT / "knowledge")


def is_primary(url: str) -> bool:
    host = (urlsplit(url).hostname or "").rstrip(".")
    return any(host == d or host.endswith("." + d) for d in PRIMARY_DOMAINS)


def test_every_url_is_the_publishers_site_or_labelled_a_copy(kb: Knowledge) -> None:
    unlabelled = [f"{item.id}: {s.url}" for item in kb.items for s in item.sources
                  if s.url and not s.copy and not is_primary(s.url)]
    assert unlabelled == [], ("not a publisher's site: cite the primary source the research file "
                              "gives, or mark the source copy: true\n" + "\n".join(unlabelled))


def test_a_copy_label_is_not_put_on_a_primary_site(kb: Knowledge) -> None:
    wrong = [f"{item.id}: {s.url}" for item in kb.items for s in item.sources
             if s.url and s.copy and is_primary(s.url)]
    assert wrong == []


def test_the_domain_check_flags_mirrors() -> None:
    assert is_primary("https://www.cbd.int/") and is_primary("https://dev-chm.cbd.int/agro/")
    assert not is_primary("https://docslib.org/doc/8697535/cbd-strategy-and-action-plan")
    assert not is_primary("https://raw.githubusercontent.com/x/y.json")
    assert not is_primary("https://cbd.int.example.com/")        # a suffix, not the domain


def test_conventions_cite_their_own_sites(kb: Knowledge) -> None:
    for item in kb.of_kind("convention"):
        assert any(s.url and is_primary(s.url) and not s.copy for s in item.sources), item.id
