// Selecting words in a passage fills that passage's "Add a missed mention" form.
document.addEventListener("mouseup", function () {
  var sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
  var range = sel.getRangeAt(0);
  var node = range.startContainer;
  var el = node.nodeType === 1 ? node : node.parentElement;
  var box = el && el.closest("[data-passage]");
  if (!box || box.tagName !== "BLOCKQUOTE" || !box.contains(range.endContainer)) return;
  var before = document.createRange();
  before.selectNodeContents(box);
  before.setEnd(range.startContainer, range.startOffset);
  var start = before.toString().length;
  var text = range.toString();
  var form = document.querySelector('form.add-form[data-passage="' + CSS.escape(box.dataset.passage) + '"]');
  if (!form || !text.trim()) return;
  form.elements.text.value = text;
  form.elements.start.value = start;
  form.elements.end.value = start + text.length;
  form.closest("details").open = true;
});
