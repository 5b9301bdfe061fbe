// Confirm destructive actions: a form with data-confirm asks before it posts.
document.addEventListener("submit", (event) => {
  const text = event.target.getAttribute("data-confirm");
  if (text && !window.confirm(text)) event.preventDefault();
});
