// The desk's autocomplete pickers show what a related admin says about each choice
// (newsdesk/autocomplete.py): a thumbnail and a line of detail, for images, beside
// the name. Choices with neither show their name alone, as before. Set as select2's
// defaults before the admin's autocomplete.js starts the pickers, on page load.
(function ($) {
  "use strict";
  if (!$ || !$.fn.select2) {
    return;
  }
  function said(data, field) {
    if (data[field] !== undefined) {
      return data[field];
    }
    return (data.element && data.element.dataset[field]) || "";
  }
  function choice(data) {
    const thumbnail = said(data, "thumbnail");
    const detail = said(data, "detail");
    if (!thumbnail && !detail) {
      return data.text;
    }
    const row = $('<span class="autocomplete-choice"></span>');
    if (thumbnail) {
      row.append($('<img alt="" width="48" height="48">').attr("src", thumbnail));
    } else {
      row.append('<span class="autocomplete-choice__none" aria-hidden="true"></span>');
    }
    const words = $('<span class="autocomplete-choice__words"></span>');
    words.append($("<span></span>").text(data.text));
    if (detail) {
      words.append($("<small></small>").text(detail));
    }
    return row.append(words);
  }
  $.fn.select2.defaults.set("templateResult", choice);
  $.fn.select2.defaults.set("templateSelection", choice);
})(window.django && window.django.jQuery);
