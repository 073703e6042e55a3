// "Add a claim from the selection" on the article view; the article id and the add URL come from data attributes.
(function () {
  const script = document.currentScript;
  const box = document.getElementById("article-text"), button = document.getElementById("add-from-selection");
  if (!box || !button) return;
  const offset = (node, within) => { const r = document.createRange(); r.selectNodeContents(box); r.setEnd(node, within); return r.toString().length; };
  document.addEventListener("selectionchange", function () {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed || !box.contains(sel.anchorNode) || !box.contains(sel.focusNode)) { button.hidden = true; return; }
    const range = sel.getRangeAt(0), start = offset(range.startContainer, range.startOffset), end = offset(range.endContainer, range.endOffset);
    const params = new URLSearchParams({article: script.dataset.article, quote: range.toString(), quote_start: start, quote_end: end});
    button.href = script.dataset.addUrl + "?" + params.toString();
    button.hidden = false;
  });
})();
