// A copy of a story's text in this browser, for when a save never arrives: the
// session ran out, the page was closed, the connection dropped, the desk refused the
// post. It is kept as the writer types and as they press Save, for this story and
// this desk member only. Opening the story again, they are offered the copy if it
// differs from the text the desk holds; a copy the desk already has is dropped. A
// copy is kept for KEEP_DAYS at most. Nothing here saves anything: restoring only
// fills in the form.
(function () {
  "use strict";
  const form = document.getElementById("article_form");
  const notice = document.getElementById("story-copy");
  if (!form || !notice || !window.localStorage) return;

  const PREFIX = "newsdesk:story-copy:";
  const KEY = PREFIX + notice.dataset.key;
  const KEEP_DAYS = 14;
  // The story's own words; the address follows the headline, and the pickers'
  // choices are not typing that can be lost.
  const FIELDS = ["headline", "kind", "dek", "body", "seo_title", "seo_description"]
    .filter((name) => form.elements[name]);
  if (!FIELDS.length) return; // read only

  const version = () => (form.elements.loaded_version || {}).value || "";
  const values = () => Object.fromEntries(
    FIELDS.map((name) => [name, form.elements[name].value]),
  );
  const words = (text) => text.replace(/\s+/g, " ").trim();
  const bodyWords = (html) =>
    words(new DOMParser().parseFromString(html, "text/html").body.textContent);
  // The same text. After a save the desk may have tidied the body's markup, so
  // once the story has been saved since, the body's words are what count.
  const same = (a, b, savedSince) => FIELDS.every((name) => {
    const x = a[name] || "", y = b[name] || "";
    if (name === "body") return x === y || (savedSince && bodyWords(x) === bodyWords(y));
    return words(x) === words(y);
  });

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }
  function write(copy) {
    try {
      localStorage.setItem(KEY, JSON.stringify(copy));
    } catch (error) {
      // Storage full or refused: the form still saves as ever.
    }
  }
  const forget = () => localStorage.removeItem(KEY);

  // Old copies go, whoever's story they were.
  const oldest = Date.now() - KEEP_DAYS * 24 * 60 * 60 * 1000;
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i);
    if (key && key.startsWith(PREFIX) && !((read(key) || {}).at > oldest)) {
      localStorage.removeItem(key);
    }
  }

  // A save the desk refused (a conflict, a field in error) comes back with the
  // writer's text in the form: it is still not the desk's, so its copy stays.
  const refused = Boolean(form.querySelector(".errornote, .errorlist"));
  const loaded = refused ? null : values();
  let offered = refused ? null : read(KEY);
  if (offered && offered.fields) {
    const savedSince = offered.version !== version();
    if (same(offered.fields, loaded, savedSince)) {
      forget();
      offered = null;
    } else {
      offer(offered, savedSince);
    }
  } else {
    offered = null;
  }

  // While a copy is on offer, typing does not replace it: the writer decides first.
  function keep() {
    if (offered) return;
    const now = values();
    if (loaded && same(now, loaded, false)) forget();
    else write({ at: Date.now(), version: version(), fields: now });
  }
  let timer = null;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(keep, 500);
  };
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  form.addEventListener("submit", () => {
    clearTimeout(timer);
    keep();
  });
  // Leaving with a change the last half second has not kept yet.
  window.addEventListener("pagehide", () => {
    if (timer) keep();
  });

  function offer(copy, savedSince) {
    const when = new Date(copy.at).toLocaleString("en-GB", {
      day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZone: notice.dataset.zone || undefined,
    });
    const heading = document.createElement("p");
    heading.className = "story-copy__title";
    heading.textContent =
      `This browser kept a copy of your changes to this story from ${when}` +
      ", and the desk does not have them.";
    const detail = document.createElement("p");
    detail.textContent = savedSince
      ? "The story has been saved since then. Restoring puts the copy's text in " +
        "place of the saved text in the form below; nothing changes until you save."
      : "Restoring fills in the form below with the copy; nothing changes until " +
        "you save.";
    const restore = button("Restore my changes", () => {
      offered = null;
      fill(copy.fields);
      done("Your changes are back in the form. Check them, then save.");
    });
    const discard = button("Discard the copy", () => {
      offered = null;
      forget();
      done("The copy is discarded.");
    });
    restore.classList.add("default");
    const actions = document.createElement("p");
    actions.className = "story-copy__actions";
    actions.append(restore, " ", discard);
    notice.replaceChildren(heading, detail, actions);
    notice.hidden = false;
  }

  function done(message) {
    const line = document.createElement("p");
    line.textContent = message;
    notice.replaceChildren(line);
    notice.classList.add("story-copy--done");
  }

  function button(label, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = label;
    element.addEventListener("click", action);
    return element;
  }

  function fill(fields) {
    for (const name of FIELDS) {
      if (!(name in fields)) continue;
      const field = form.elements[name];
      const editor = name === "body" && editorOf(field);
      if (editor) editor.commands.setContent(fields[name]);
      field.value = fields[name];
    }
    // Unsaved now: desk.js asks before leaving, and a copy is kept again.
    form.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function editorOf(textarea) {
    // The editor's own element carries it (its menu has the class too).
    const view = textarea.closest(".prose-editor");
    const doms = view ? [...view.querySelectorAll(".ProseMirror")] : [];
    return doms.map((dom) => dom.editor).find(Boolean);
  }
})();
