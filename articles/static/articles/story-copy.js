// A copy of a story's text in this browser, for when a save never arrives: the
// session ran out, the page was closed, the connection dropped, the desk refused the
// post. It is kept as the writer types and as they press Save, for this story and
// this desk member only (a new story: for that form, named in a field it posts), and
// dropped when the desk confirms the save (the page a save leads to names the stories
// it saved). Opening the story again, a copy that differs from the text the desk
// holds is offered; restoring only fills in the form. Where the story is no longer
// the writer's to edit, the copy is shown as text to copy out. Copies are kept for
// KEEP_DAYS at most, and logging out drops them all.
(function () {
  "use strict";
  const notice = document.getElementById("story-copy");
  if (!notice || !window.localStorage) return;

  const PREFIX = "newsdesk:story-copy:";
  const KEEP_DAYS = 14;
  const read = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  };
  const copyKeys = (start) => {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(start)) keys.push(key);
    }
    return keys;
  };

  if ("forget" in notice.dataset) {
    copyKeys(PREFIX).forEach((key) => localStorage.removeItem(key)); // logged out
    return;
  }
  const oldest = Date.now() - KEEP_DAYS * 24 * 60 * 60 * 1000;
  copyKeys(PREFIX).forEach((key) => {
    if (!((read(key) || {}).at > oldest)) localStorage.removeItem(key);
  });
  const mine = `${PREFIX}${notice.dataset.user}:`;
  // The saves the desk has just confirmed: their copies are the desk's text now.
  (notice.dataset.saved || "").split(" ").filter(Boolean)
    .forEach((story) => localStorage.removeItem(mine + story));

  const form = document.getElementById("article_form");
  if (!form || !notice.dataset.story) return;
  const isNew = notice.dataset.story === "new";
  let KEY = mine + notice.dataset.story;
  let named = null; // a new story's form posts its copy's name
  if (isNew) {
    const name = notice.dataset.posted ||
      `new-${Math.random().toString(36).slice(2, 12)}`;
    KEY = mine + name;
    named = document.createElement("input");
    named.type = "hidden";
    named.name = "_story_copy";
    named.value = name;
    form.append(named);
  }
  const forget = (key) => localStorage.removeItem(key);

  // The story's own words; the address follows the headline, and the pickers'
  // choices are not typing that can be lost.
  const FIELDS = ["headline", "kind", "dek", "body", "seo_title", "seo_description"]
    .filter((name) => form.elements[name]);
  if (!FIELDS.length) {
    showToCopy(read(KEY)); // no longer the writer's to edit
    return;
  }
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

  // A save the desk refused (a conflict, a field in error) comes back with the
  // writer's text in the form: it is still not the desk's, so its copy stays.
  const refused = Boolean(form.querySelector(".errornote, .errorlist"));
  const loaded = refused ? null : values();
  // On offer: this story's copy; on a new story's form, the newest new story's.
  let offeredKey = refused ? null : isNew ? newestNewCopy() : KEY;
  let offered = offeredKey ? read(offeredKey) : null;
  if (offered && offered.fields && !same(offered.fields, loaded)) {
    offer(offered);
  } else {
    if (offered) forget(offeredKey);
    offered = null;
  }

  function newestNewCopy() {
    const copies = copyKeys(`${mine}new-`).map((key) => [key, read(key)]);
    copies.sort(([, a], [, b]) => ((b || {}).at || 0) - ((a || {}).at || 0));
    return copies.length ? copies[0][0] : null;
  }

  let timer = null;
  function keep() {
    timer = null;
    if (offered) return; // the writer decides first
    const now = values();
    if (loaded && same(now, loaded)) {
      forget(KEY);
      return;
    }
    const version = versionField ? versionField.value : "";
    try {
      localStorage.setItem(KEY, JSON.stringify({ at: Date.now(), version, fields: now }));
    } catch (error) {
      // Storage full or refused: the form still saves as ever.
    }
  }
  const copied = (target) =>
    FIELDS.some((name) => form.elements[name] === target) ||
    Boolean(target.closest && target.closest(".prose-editor"));
  const edited = (event) => {
    if (offered) {
      // Writing in the story's words instead of choosing sets the offer aside
      // (the writer's own typing: the editor and the form's scripts send events
      // too, and the other fields are not in the copy).
      if (!event.isTrusted || !copied(event.target)) return;
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

  function when(copy) {
    return new Date(copy.at).toLocaleString("en-GB", {
      day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZone: notice.dataset.zone || undefined,
    });
  }

  function offer(copy) {
    // Saved by someone since the copy's text was opened: restoring goes back to
    // that version, so saving shows their changes first (the desk's conflict check).
    const savedSince = versionField && copy.version && copy.version !== versionField.value;
    const what = isNew ? "a new story you did not save" : "your changes to this story";
    const heading = paragraph(
      `This browser kept a copy of ${what} from ${when(copy)}` +
      ", and the desk does not have it.",
      "story-copy__title",
    );
    const detail = paragraph(
      (savedSince
        ? "Someone has saved the story since. Restoring fills in the form with " +
          "your copy; when you save, the desk shows you their changes first. "
        : "Restoring fills in the form with your copy; nothing changes until you " +
          "save. ") +
      (isNew ? "" : "Editing the story's words instead sets the copy aside."),
    );
    const restore = button("Restore my changes", () => {
      offered = null;
      if (isNew) {
        KEY = offeredKey; // saving this form now saves that copy's story
        named.value = offeredKey.slice(mine.length);
      }
      fill(copy);
      done("Your changes are back in the form. Check them, then save.");
    });
    const discard = button("Discard the copy", () => {
      offered = null;
      forget(offeredKey);
      done("The copy is discarded.");
    });
    restore.classList.add("default");
    const actions = paragraph("", "story-copy__actions");
    actions.append(restore, discard);
    notice.replaceChildren(heading, detail, actions);
    notice.hidden = false;
  }

  function showToCopy(copy) {
    if (!copy || !copy.fields) return;
    const heading = paragraph(
      `This browser kept a copy of your changes to this story from ${when(copy)}` +
      ", and the desk does not have them. The story is no longer open to your " +
      "edits: here is your text, to copy and send to an editor.",
      "story-copy__title",
    );
    const labels = {
      headline: "Headline", dek: "Standfirst", body: "Body",
      seo_title: "Search title", seo_description: "Search description",
    };
    const texts = Object.entries(labels)
      .filter(([name]) => copy.fields[name])
      .map(([name, label]) => {
        const text = name === "body" ? plainText(copy.fields[name]) : copy.fields[name];
        const block = document.createElement("label");
        block.className = "story-copy__text";
        const area = document.createElement("textarea");
        area.readOnly = true;
        area.rows = name === "body" ? 10 : 2;
        area.value = text;
        block.append(label, area);
        return block;
      });
    const discard = button("Discard the copy", () => {
      forget(KEY);
      done("The copy is discarded.");
    });
    const actions = paragraph("", "story-copy__actions");
    actions.append(discard);
    notice.replaceChildren(heading, ...texts, actions);
    notice.hidden = false;
  }

  function plainText(html) {
    const body = new DOMParser().parseFromString(html, "text/html").body;
    const blocks = [...body.children].map((element) => element.textContent.trim());
    return (blocks.length ? blocks : [body.textContent.trim()]).join("\n\n");
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
