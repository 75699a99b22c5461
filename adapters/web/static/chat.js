// The web chat's script: talks to the JSON API (api/ask, api/show/ID, api/feedback) and builds
// every answer with createElement and textContent, never innerHTML, so nothing in an answer or a
// question can become markup. No library, no build step.
"use strict";
(function () {
  var STRINGS = JSON.parse(document.getElementById("nfp-strings").textContent);
  var TOKEN = document.querySelector('meta[name="nfp-token"]').content;
  var EMBEDDED = document.querySelector('meta[name="nfp-embedded"]').content === "1";
  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var input = document.getElementById("question");
  var send = document.getElementById("send");
  var langSelect = document.getElementById("ui-lang");
  var dialog = document.getElementById("full");
  var ui = document.documentElement.lang in STRINGS ? document.documentElement.lang : "en";
  var conversation = null;
  var answers = 0;
  var busy = false;

  try {   // storage may be blocked (private windows, embedded third-party frames)
    conversation = sessionStorage.getItem("nfp-conversation");
    var chosen = localStorage.getItem("nfp-ui");
    if (chosen && chosen in STRINGS && !/[?&]lang=/.test(location.search)) { ui = chosen; }
  } catch (e) { /* the page works without it */ }

  function t(key, fields, table) {
    var text = STRINGS[table || ui][key];
    if (fields) {
      Object.keys(fields).forEach(function (name) { text = text.split("{" + name + "}").join(fields[name]); });
    }
    return text;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function remember(id) {
    conversation = id;
    try { if (id) { sessionStorage.setItem("nfp-conversation", id); } else { sessionStorage.removeItem("nfp-conversation"); } }
    catch (e) { /* kept in memory only */ }
  }

  // -- interface language ------------------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = ui;
    langSelect.value = ui;
    document.title = t("web_title");
    document.getElementById("title").textContent = t("web_title");
    document.getElementById("ui-lang-label").textContent = t("web_interface_language");
    document.getElementById("new-conversation").textContent = t("web_new_conversation");
    document.getElementById("close-chat").textContent = t("web_close");
    document.getElementById("full-close").textContent = t("web_close");
    document.getElementById("question-label").textContent = t("web_question_label");
    document.querySelector(".skip").textContent = t("web_question_label");
    input.placeholder = t("web_placeholder");
    send.textContent = t("web_send");
    log.setAttribute("aria-label", t("web_conversation_log"));
    var nav = document.getElementById("commands");
    nav.setAttribute("aria-label", t("web_commands_label"));
    nav.textContent = "";
    STRINGS[ui].commands.forEach(function (pair) {
      var button = el("button", { type: "button" }, pair[1]);
      button.addEventListener("click", function () { ask(pair[0], { lang: STRINGS[ui].lang }); });
      nav.appendChild(button);
    });
  }

  langSelect.addEventListener("change", function () {
    ui = langSelect.value in STRINGS ? langSelect.value : "en";
    try { localStorage.setItem("nfp-ui", ui); } catch (e) { /* this page only */ }
    applyLanguage();
  });

  // -- talking to the API ------------------------------------------------------------------
  function api(method, path, body) {
    var options = { method: method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = TOKEN;
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { throw new Error(data.error || t("web_network_error")); }
        var fresh = response.headers.get("X-CSRF-Token");
        if (fresh) { TOKEN = fresh; }
        return data;
      });
    }, function () { throw new Error(t("web_network_error")); });
  }

  function ask(text, extra) {
    if (busy || !text.trim()) { return; }
    busy = true;
    send.disabled = true;
    log.setAttribute("aria-busy", "true");
    if (!extra || !extra.offset) { addUser(text); }
    var waiting = addNote(t("web_thinking"));
    var body = { question: text };
    if (conversation) { body.conversation = conversation; }
    Object.keys(extra || {}).forEach(function (name) { body[name] = extra[name]; });
    api("POST", "api/ask", body).then(function (answer) {
      remember(answer.conversation || conversation);
      waiting.remove();
      addAnswer(answer);
    }, function (error) {
      waiting.remove();
      addError(error.message);
    }).then(function () {
      busy = false;
      send.disabled = false;
      log.removeAttribute("aria-busy");
    });
  }

  // -- the conversation log ----------------------------------------------------------------
  function scrollTo(node) {
    if (node.scrollIntoView) { node.scrollIntoView({ block: "nearest" }); }
  }

  function addUser(text) {
    var box = el("div", { "class": "msg user" });
    box.appendChild(el("p", { "class": "who" }, t("web_you")));
    box.appendChild(el("p", { "class": "text" }, text));
    log.appendChild(box);
    scrollTo(box);
  }

  function addNote(text) {
    var box = el("p", { "class": "msg note" }, text);
    log.appendChild(box);
    scrollTo(box);
    return box;
  }

  function addError(text) {
    var box = el("div", { "class": "msg error", role: "alert" });
    box.appendChild(el("p", { "class": "text" }, text));
    log.appendChild(box);
    scrollTo(box);
  }

  // The lead with each [n] made a link to citation n of this answer.
  function leadNode(lead, prefix, numbers) {
    var p = el("p", { "class": "lead" });
    var parts = String(lead).split(/(\[\d+\])/);
    parts.forEach(function (part) {
      var match = /^\[(\d+)\]$/.exec(part);
      if (match && numbers.indexOf(Number(match[1])) >= 0) {
        var link = el("a", { href: "#" + prefix + "-" + match[1],
                             "aria-label": t("web_cite_link", { n: match[1] }) }, part);
        p.appendChild(link);
      } else if (part) {
        p.appendChild(document.createTextNode(part));
      }
    });
    return p;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  // Labels inside an answer follow the answer's language and script, like on the platforms.
  function labelsOf(answer) {
    return answer.lang === "en" ? "en" : (answer.script === "hant" ? "zh-Hant" : "zh");
  }

  function citationNode(cite, n, prefix, answer) {
    var lt = labelsOf(answer);
    var li = el("li", { "class": "cite", id: prefix + "-" + n, tabindex: "-1" });
    var head = el("h3");
    head.appendChild(el("span", { "class": "num" }, "[" + n + "]"));
    head.appendChild(document.createTextNode(cite.title || cite.id));
    li.appendChild(head);
    if (cite.kind === "background") { li.appendChild(el("p", { "class": "label" }, t("background_label", null, lt))); }
    li.appendChild(el("p", { "class": "snippet" }, cite.snippet));
    var source = el("p", { "class": "source" }, t("source_label", null, lt) + ": ");
    var url = safeUrl(cite.url);
    if (url) {
      var link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, cite.source || url);
      source.appendChild(link);
    } else {
      source.appendChild(document.createTextNode(cite.source || ""));
    }
    source.appendChild(document.createTextNode(" "));
    source.appendChild(el("span", { "class": "id" }, cite.id));
    li.appendChild(source);
    if (cite.snippet !== cite.text || cite.kind === "document") {
      var full = el("button", { type: "button" }, t("full_text_button", { n: n }, lt));
      full.addEventListener("click", function () { showFull(cite.id, answer, full); });
      li.appendChild(full);
    }
    return li;
  }

  function addAnswer(answer) {
    answers += 1;
    var prefix = "a" + answers;
    var box = el("article", { "class": "msg bot", "aria-label": t("web_bot") });
    box.appendChild(el("p", { "class": "who" }, t("web_bot")));
    if (answer.resolved) {
      box.appendChild(el("p", { "class": "resolved" }, t("web_understood", { resolved: answer.resolved }, labelsOf(answer))));
    }
    var citations = answer.citations || [];
    var numbers = citations.map(function (c, i) { return (answer.offset || 0) + i + 1; });
    // a list's members the lead already names with their ids are not shown again under it
    var listed = answer.listed || [];
    numbers = numbers.filter(function (n, i) { return listed.indexOf(citations[i].id) < 0; });
    citations = citations.filter(function (c) { return listed.indexOf(c.id) < 0; });
    box.appendChild(leadNode(answer.lead || "", prefix, numbers));
    if (answer.notice) { box.appendChild(el("p", { "class": "resolved" }, answer.notice)); }
    if (citations.length) {
      var list = el("ol", { "class": "citations", "aria-label": t("web_citations") });
      citations.forEach(function (cite, i) { list.appendChild(citationNode(cite, numbers[i], prefix, answer)); });
      box.appendChild(list);
    }
    // a decline's related items: the line saying they do not answer, then one button each that
    // opens the item (show ID); the suggestions repeat them as text for the other platforms
    var related = answer.related || [];
    var offered = (answer.suggestions || []).slice(related.length ? related.length + 1 : 0);
    if (related.length) {
      box.appendChild(el("p", { "class": "resolved" }, answer.suggestions[0]));
      var near = el("ul", { "class": "suggestions" });
      related.forEach(function (r) {
        var item = el("li");
        var button = el("button", { type: "button" }, r.title);
        button.addEventListener("click", function () { ask("show " + r.id); });
        item.appendChild(button);
        near.appendChild(item);
      });
      box.appendChild(near);
    }
    if (offered.length) {
      var ideas = el("ul", { "class": "suggestions" });
      offered.forEach(function (idea) {
        var item = el("li");
        var button = el("button", { type: "button" }, idea);
        button.addEventListener("click", function () { ask(idea); });
        item.appendChild(button);
        ideas.appendChild(item);
      });
      box.appendChild(ideas);
    }
    box.appendChild(actions(answer));
    log.appendChild(box);
    scrollTo(box);
  }

  function actions(answer) {
    var lt = labelsOf(answer);
    var row = el("div", { "class": "actions" });
    if (answer.more) {
      var more = el("button", { type: "button" }, t("more_button", null, lt));
      more.addEventListener("click", function () {
        more.disabled = true;
        ask(answer.question, { offset: (answer.offset || 0) + answer.citations.length, lang: answer.lang });
      });
      row.appendChild(more);
    }
    if (answer.answered && answer.citations && answer.citations.length) {
      var up = el("button", { type: "button", "aria-pressed": "false" }, t("web_helpful", null, lt));
      var down = el("button", { type: "button", "aria-pressed": "false" }, t("web_not_helpful", null, lt));
      var thanks = el("span", { "class": "thanks", role: "status" });
      var vote = function (value, button) {
        up.disabled = down.disabled = true;
        api("POST", "api/feedback", { question: answer.question, item: answer.citations[0].id,
                                      vote: value, conversation: conversation, lang: answer.lang })
          .then(function (result) {
            button.setAttribute("aria-pressed", "true");
            thanks.textContent = result.message || t("feedback_thanks", null, lt);
          }, function (error) {
            up.disabled = down.disabled = false;
            thanks.textContent = error.message;
          });
      };
      up.addEventListener("click", function () { vote(1, up); });
      down.addEventListener("click", function () { vote(-1, down); });
      row.appendChild(up);
      row.appendChild(down);
      row.appendChild(thanks);
    }
    return row;
  }

  // -- full text ---------------------------------------------------------------------------
  function showFull(id, answer, opener) {
    var query = "?lang=" + encodeURIComponent(answer.lang || "en") + (answer.script === "hant" ? "&script=hant" : "");
    api("GET", "api/show/" + encodeURIComponent(id) + query).then(function (shown) {
      var title = document.getElementById("full-title");
      var body = document.getElementById("full-body");
      body.textContent = "";
      var cite = (shown.citations || [])[0];
      title.textContent = cite ? cite.title : id;
      body.appendChild(el("p", { "class": "lead" }, shown.lead));
      (shown.citations || []).forEach(function (c) {
        if (shown.citations.length > 1) { body.appendChild(el("h3", {}, c.title)); }
        body.appendChild(el("p", { "class": "full-text" }, c.snippet));
        body.appendChild(el("p", { "class": "source" }, t("source_label") + ": " + (c.source || "")));
      });
      dialog.returnFocusTo = opener;
      dialog.showModal();
      document.getElementById("full-close").focus();
    }, function (error) { addError(error.message); });
  }

  document.getElementById("full-close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () { if (dialog.returnFocusTo) { dialog.returnFocusTo.focus(); } });

  // -- the form ----------------------------------------------------------------------------
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim() || busy) { return; }
    input.value = "";
    ask(text);
    input.focus();
  });

  input.addEventListener("keydown", function (event) {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition is neither.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function welcome() {
    log.textContent = "";
    var box = el("div", { "class": "msg bot" });
    box.appendChild(el("p", { "class": "who" }, t("web_bot")));
    box.appendChild(el("p", { "class": "text" }, t("welcome")));
    log.appendChild(box);
  }

  document.getElementById("new-conversation").addEventListener("click", function () {
    remember(null);
    welcome();
    addNote(t("web_conversation_started"));
    input.focus();
  });

  if (EMBEDDED && window.parent !== window) {
    var close = document.getElementById("close-chat");
    close.hidden = false;
    close.addEventListener("click", function () { window.parent.postMessage({ nfpbot: "close" }, "*"); });
  }

  applyLanguage();
  welcome();
})();
