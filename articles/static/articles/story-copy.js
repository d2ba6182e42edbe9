// A copy of a story's text in this browser, for when a save never arrives: the
// session ran out, the page was closed, the connection dropped, the desk refused the
// post. It is kept as the writer types and as they press Save, for this story (or
// the new story on the add form) and this desk member only, and dropped when the
// desk confirms the save (the page a save leads to says which story it saved).
// Opening the story again, a copy that differs from the text the desk holds is
// offered; restoring only fills in the form. Copies are kept for KEEP_DAYS at most,
// and logging out drops them all.
(function () {
  "use strict";
  const notice = document.getElementById("story-copy");
  if (!notice || !window.localStorage) return;

  const PREFIX = "newsdesk:story-copy:";
  const KEEP_DAYS = 14;
  const keyOf = (story) => `${PREFIX}${notice.dataset.user}:${story}`;
  const read = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  };
  const forgetAll = (old) => {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key && key.startsWith(PREFIX) && old(key)) localStorage.removeItem(key);
    }
  };

  if ("forget" in notice.dataset) {
    forgetAll(() => true); // logged out
    return;
  }
  const oldest = Date.now() - KEEP_DAYS * 24 * 60 * 60 * 1000;
  forgetAll((key) => !((read(key) || {}).at > oldest));
  // The save the desk has just confirmed: its copy is the desk's text now.
  if (notice.dataset.saved) localStorage.removeItem(keyOf(notice.dataset.saved));

  const form = document.getElementById("article_form");
  if (!form || !notice.dataset.story) return;
  const KEY = keyOf(notice.dataset.story);
  // The story's own words; the address follows the headline, and the pickers'
  // choices are not typing that can be lost.
  const FIELDS = ["headline", "kind", "dek", "body", "seo_title", "seo_description"]
    .filter((name) => form.elements[name]);
  if (!FIELDS.length) return; // read only
  const versionField = form.elements.loaded_version;

  const values = () => Object.fromEntries(
    FIELDS.map((name) => [name, form.elements[name].value]),
  );
  // The same text, whoever wrote out the markup: the editor and the desk order a
  // link's attributes differently.
  const canonical = (html) => {
    const body = new DOMParser().parseFromString(html, "text/html").body;
    for (const element of body.querySelectorAll("*")) {
      const attributes = [...element.attributes]
        .map((a) => [a.name, a.value])
        .sort(([a], [b]) => (a < b ? -1 : 1));
      attributes.forEach(([name]) => element.removeAttribute(name));
      attributes.forEach(([name, value]) => element.setAttribute(name, value));
    }
    return body.innerHTML.trim();
  };
  const words = (text) => text.replace(/\s+/g, " ").trim();
  const same = (a, b) => FIELDS.every((name) => {
    const x = a[name] || "", y = b[name] || "";
    return name === "body" ? x === y || canonical(x) === canonical(y) : words(x) === words(y);
  });

  function write(copy) {
    try {
      localStorage.setItem(KEY, JSON.stringify(copy));
    } catch (error) {
      // Storage full or refused: the form still saves as ever.
    }
  }
  const forget = () => localStorage.removeItem(KEY);

  // A save the desk refused (a conflict, a field in error) comes back with the
  // writer's text in the form: it is still not the desk's, so its copy stays.
  const refused = Boolean(form.querySelector(".errornote, .errorlist"));
  const loaded = refused ? null : values();
  let offered = refused ? null : read(KEY);
  if (offered && offered.fields && !same(offered.fields, loaded)) {
    offer(offered);
  } else {
    if (offered) forget();
    offered = null;
  }

  function keep() {
    const now = values();
    if (loaded && same(now, loaded)) {
      forget();
      return;
    }
    const version = versionField ? versionField.value : "";
    write({ at: Date.now(), version, fields: now });
  }
  let timer = null;
  const edited = (event) => {
    // Writing on instead of choosing: the older copy gives way to this one. (Only
    // the writer's own typing: the editor and the form's scripts send events too.)
    if (offered && event.isTrusted) {
      offered = null;
      notice.hidden = true;
    }
    clearTimeout(timer);
    timer = setTimeout(keep, 500);
  };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("submit", () => {
    clearTimeout(timer);
    keep();
  });
  // Leaving with a change the last half second has not kept yet.
  window.addEventListener("pagehide", () => {
    if (timer) keep();
  });

  function offer(copy) {
    const when = new Date(copy.at).toLocaleString("en-GB", {
      day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZone: notice.dataset.zone || undefined,
    });
    // Saved by someone since the copy's text was opened: restoring goes back to
    // that version, so saving shows their changes first (the desk's conflict check).
    const savedSince = versionField && copy.version && copy.version !== versionField.value;
    const heading = paragraph(
      `This browser kept a copy of your changes to this story from ${when}` +
      ", and the desk does not have them.",
      "story-copy__title",
    );
    const detail = paragraph(
      (savedSince
        ? "Someone has saved the story since. Restoring fills in the form with " +
          "your copy; when you save, the desk shows you their changes first. "
        : "Restoring fills in the form with your copy; nothing changes until you " +
          "save. ") +
      "Editing the story instead discards the copy.",
    );
    const restore = button("Restore my changes", () => {
      offered = null;
      fill(copy);
      done("Your changes are back in the form. Check them, then save.");
    });
    const discard = button("Discard the copy", () => {
      offered = null;
      forget();
      done("The copy is discarded.");
    });
    restore.classList.add("default");
    const actions = paragraph("", "story-copy__actions");
    actions.append(restore, discard);
    notice.replaceChildren(heading, detail, actions);
    notice.hidden = false;
  }

  function done(message) {
    notice.replaceChildren(paragraph(message));
    notice.classList.add("story-copy--done");
  }

  function paragraph(text, className) {
    const element = document.createElement("p");
    element.textContent = text;
    if (className) element.className = className;
    return element;
  }

  function button(label, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = label;
    element.addEventListener("click", action);
    return element;
  }

  function fill(copy) {
    for (const name of FIELDS) {
      if (!(name in copy.fields)) continue;
      const field = form.elements[name];
      const editor = name === "body" && editorOf(field);
      if (editor) editor.commands.setContent(copy.fields[name]);
      field.value = copy.fields[name];
    }
    if (versionField && copy.version) versionField.value = copy.version;
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
