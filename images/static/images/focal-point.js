// Click the preview to set the focal point: fills in the two fraction fields.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector(".focal-point");
  const across = document.getElementById("id_focal_x");
  const down = document.getElementById("id_focal_y");
  if (!box || !across || !down) return;
  const mark = box.querySelector(".focal-point-mark");
  const place = () => {
    mark.style.left = `${Number(across.value) * 100}%`;
    mark.style.top = `${Number(down.value) * 100}%`;
  };
  box.querySelector("img").addEventListener("click", (event) => {
    const rect = event.target.getBoundingClientRect();
    const fraction = (offset, length) => Math.min(1, Math.max(0, offset / length));
    across.value = fraction(event.clientX - rect.left, rect.width).toFixed(3);
    down.value = fraction(event.clientY - rect.top, rect.height).toFixed(3);
    place();
  });
  across.addEventListener("input", place);
  down.addEventListener("input", place);
  place();
});
