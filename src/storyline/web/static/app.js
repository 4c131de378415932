// Small progressive enhancement: the article legend's checkboxes hide a layer of highlights.
// The page works without it (every highlight stays visible).
document.addEventListener("change", (event) => {
  const box = event.target;
  if (box instanceof HTMLInputElement && box.dataset.layer) {
    document.body.classList.toggle("hide-" + box.dataset.layer, !box.checked);
  }
});
