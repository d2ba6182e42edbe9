// The workflow buttons (publish, schedule, send back, withdraw) are forms of their
// own: they act on the story as last saved. A desk member who has edited the story
// and not saved is asked before those edits are lost, and before leaving the page;
// publishing or withdrawing a story asks first too, as either changes what readers
// see at once. Without JavaScript the buttons still work.
(function () {
  "use strict";
  const story = document.getElementById("article_form");
  let unsaved = false;
  if (story) {
    const edited = () => { unsaved = true; };
    story.addEventListener("input", edited);
    story.addEventListener("change", edited);
    story.addEventListener("submit", () => { unsaved = false; });
  }

  document.querySelectorAll(".desk-actions form").forEach((form) => {
    form.addEventListener("submit", (event) => {
      const button = event.submitter;
      const action = button ? button.textContent.trim() : "This action";
      let question = button ? button.dataset.confirm || "" : "";
      if (unsaved) {
        question =
          `Your changes to this story are not saved. “${action}” uses the story ` +
          "as last saved, and your changes would be lost.\n\n" +
          "Cancel, then Save, to keep them.";
      }
      if (question && !window.confirm(question)) {
        event.preventDefault();
        return;
      }
      unsaved = false;
    });
  });

  window.addEventListener("beforeunload", (event) => {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
