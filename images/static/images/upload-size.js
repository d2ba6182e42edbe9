// A file over the image library's limit is refused as soon as it is chosen, with
// the message the server would give: not after the wait for an upload the library
// would refuse, nor past the request cap, whose 413 loses everything in the form.
// The admin's forms are novalidate, so the check holds the submit itself.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  const MB = 1024 * 1024;
  const readable = (size) =>
    size >= MB ? `${Math.round((size / MB) * 10) / 10} MB` : `${Math.floor(size / 1024)} KB`;

  const inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  for (const input of inputs) {
    const note = document.createElement("ul");
    note.className = "errorlist upload-size";
    note.id = `${input.id}_size`;
    note.setAttribute("role", "alert");
    note.hidden = true;
    note.append(document.createElement("li"));
    // Where the admin puts a field's errors: first in its row, which turns red.
    const row = input.closest(".form-row");
    const flagged = row?.classList.contains("errors");
    if (row) row.prepend(note);
    else input.after(note);
    const described = input.getAttribute("aria-describedby");
    const check = () => {
      const limit = Number(input.dataset.maxBytes);
      const file = input.files[0];
      const over = Boolean(file) && file.size > limit;
      note.hidden = !over;
      row?.classList.toggle("errors", flagged || over);
      note.firstChild.textContent = over
        ? `The file is ${readable(file.size)}; the limit is ${input.dataset.maxSize}. ` +
          "Export a smaller JPEG or WebP and choose that."
        : "";
      // The note joins what already describes the input (Django's help text).
      const ids = over ? [described, note.id].filter(Boolean).join(" ") : described;
      if (ids) input.setAttribute("aria-describedby", ids);
      else input.removeAttribute("aria-describedby");
      if (over) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      return !over;
    };
    input.addEventListener("change", check);
    input.form?.addEventListener("submit", (event) => {
      if (!check()) {
        event.preventDefault();
        input.focus();
      }
    });
  }
});
