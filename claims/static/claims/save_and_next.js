// Alt+Shift+N: "save and next pending claim" on the claim page (served as a file: the CSP forbids inline scripts).
document.addEventListener("keydown", function (e) {
  if (e.altKey && e.shiftKey && (e.key === "N" || e.key === "n")) {
    const button = document.getElementById("save-and-next");
    if (button) { e.preventDefault(); button.click(); }
  }
});
