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
  var lead = text.length - text.replace(/^[\s,;:]+/, "").length;
  text = text.slice(lead).replace(/[\s,;:]+$/, "");
  start += lead;
  var form = document.querySelector('form.add-form[data-passage="' + CSS.escape(box.dataset.passage) + '"]');
  if (!form || !text.trim()) return;
  form.elements.text.value = text;
  form.elements.start.value = start;
  form.elements.end.value = start + text.length;
  form.closest("details").open = true;
});

// The review queue: decisions without a page reload, and keyboard shortcuts.
// j/k move between mentions, a/r accept/reject the focused one, 1-6 tick a label of the
// first label form, Enter confirms the labels, marks the passage reviewed and goes on,
// n skips to the next passage. Forms inside #queue-item are sent with fetch; the server
// answers with the updated item, which replaces the old one.
(function () {
  function item() { return document.getElementById("queue-item"); }
  if (!item()) return;
  var focus = -1;

  function say(text) {
    var box = document.getElementById("queue-message");
    if (box) box.textContent = text;
  }

  function rows() { return item().querySelectorAll("tr.mention"); }

  function showFocus() {
    rows().forEach(function (row, i) { row.classList.toggle("kb-focus", i === focus); });
    var row = rows()[focus];
    if (row) row.scrollIntoView({block: "nearest"});
  }

  function send(form, submitter) {
    var body = new FormData(form);
    if (submitter && submitter.name) body.set(submitter.name, submitter.value);
    return fetch(form.getAttribute("action"), {method: "POST", body: body, credentials: "same-origin",
                               headers: {"X-Sandingan-Partial": "queue"}})
      .then(function (response) {
        return response.text().then(function (text) {
          if (!response.ok) { say(text); throw new Error(text); }
          var kept = focus;
          item().outerHTML = text;
          focus = Math.min(kept, rows().length - 1);
          showFocus();
          say("Saved.");
        });
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!item() || !item().contains(form)) return;
    event.preventDefault();
    send(form, event.submitter).catch(function () {});
  });

  function press(value) {
    var row = rows()[focus];
    var button = row && row.querySelector('form.inline button[value="' + value + '"]');
    if (button) send(button.form, button).catch(function () {});
  }

  function confirmAndNext() {
    var labels = item().querySelector("form.label-set");
    var next = item().dataset.next;
    var mark = function () {
      var form = item().querySelector("form.mark");
      var button = form && form.querySelector('button[value="accept"]');
      return button ? send(form, button) : Promise.resolve();
    };
    (labels ? send(labels, null) : Promise.resolve())
      .then(mark)
      .then(function () { if (next) window.location.assign(next); })
      .catch(function () {});
  }

  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.ctrlKey ||
        event.metaKey || event.altKey) return;
    var count = rows().length;
    if (event.key === "j" && count) { focus = Math.min(focus + 1, count - 1); showFocus(); }
    else if (event.key === "k" && count) { focus = Math.max(focus - 1, 0); showFocus(); }
    else if (event.key === "a") press("accept");
    else if (event.key === "r") press("reject");
    else if (/^[1-9]$/.test(event.key)) {
      var boxes = item().querySelectorAll('form.label-set input[name="labels"]');
      var box = boxes[Number(event.key) - 1];
      if (box) box.checked = !box.checked;
    }
    else if (event.key === "Enter") confirmAndNext();
    else if (event.key === "n" && item().dataset.next) window.location.assign(item().dataset.next);
    else return;
    event.preventDefault();
  });
})();
