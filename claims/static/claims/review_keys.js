// Keyboard shortcuts of the contradiction review page; the two claims' ids come from data attributes.
(function () {
  const script = document.currentScript;
  const holdingA = script.dataset.holdingA, holdingB = script.dataset.holdingB;
  const form = document.getElementById("review-form");
  const go = (id) => { const link = document.getElementById(id); if (link) window.location.href = link.href; };
  const decide = (action, holding) => {
    if (!form) return;
    if (holding) { const radio = form.querySelector('input[name=holding_claim][value="' + holding + '"]'); if (radio) radio.checked = true; }
    if (action === "dismiss" && !form.querySelector("#id_dismiss_reason").value) { form.querySelector("#id_dismiss_reason").focus(); return; }
    const button = form.querySelector('button[value="' + action + '"]');
    if (button) button.click();
  };
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target.tagName || "").toLowerCase();
    if (tag === "textarea" || tag === "input" || tag === "select") return;
    const keys = {
      c: () => decide("confirm"),
      d: () => decide("dismiss"),
      a: () => decide("resolve", holdingA),
      b: () => decide("resolve", holdingB),
      j: () => go("next-link"),
      k: () => go("previous-link"),
      o: () => document.querySelectorAll("a.open-article").forEach((a) => window.open(a.href, "_blank")),
    };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });
})();
