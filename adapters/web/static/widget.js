// The nfpbot chat widget for other sites:
//   <script src="https://HOST/widget.js" data-lang="zh"></script>
// adds a button that opens the chat of HOST in an iframe (the site must be listed in HOST's
// web.allowed_origins, or the browser refuses to show the frame). Builds its elements with the
// DOM, no innerHTML; its styles are set on the elements, so the site's CSS need allow no file.
"use strict";
(function () {
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var base = new URL(".", script.src);
  var lang = script.getAttribute("data-lang") || "";
  var labels = { zh: "问 nfpbot", "zh-Hant": "問 nfpbot", en: "Ask nfpbot" };
  var closeLabels = { zh: "关闭", "zh-Hant": "關閉", en: "Close" };
  var key = lang in labels ? lang : (lang.indexOf("zh") === 0 ? "zh" : "en");
  var frameUrl = new URL("./", base);
  frameUrl.searchParams.set("embed", "1");
  if (lang) { frameUrl.searchParams.set("lang", lang); }

  var button = document.createElement("button");
  button.type = "button";
  button.textContent = labels[key];
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("data-nfpbot", "open");
  Object.assign(button.style, {
    position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483000", padding: "10px 16px",
    border: "0", borderRadius: "22px", background: "#205a3c", color: "#fff", font: "16px system-ui, sans-serif",
    cursor: "pointer", boxShadow: "0 2px 8px rgba(0,0,0,.3)"
  });

  var panel = document.createElement("div");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", labels[key]);
  panel.hidden = true;
  Object.assign(panel.style, {
    position: "fixed", right: "16px", bottom: "72px", zIndex: "2147483000",
    width: "min(420px, calc(100vw - 32px))", height: "min(640px, calc(100vh - 96px))",
    boxShadow: "0 4px 24px rgba(0,0,0,.35)", borderRadius: "12px", overflow: "hidden", background: "#fff"
  });
  var frame = null;

  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = frameUrl.href;
      frame.title = labels[key];
      frame.setAttribute("data-nfpbot", "frame");
      Object.assign(frame.style, { width: "100%", height: "100%", border: "0" });
      panel.appendChild(frame);
    }
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    button.textContent = closeLabels[key];
    frame.focus();
  }

  function close() {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.textContent = labels[key];
    button.focus();
  }

  button.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
  window.addEventListener("message", function (event) {
    if (event.origin === base.origin && event.data && event.data.nfpbot === "close") { close(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { close(); }
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
