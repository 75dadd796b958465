// Drag and drop on the organizing board. The stage field on every card stays the way to move
// cards by keyboard and without JavaScript; this only adds the mouse and touchpad way.
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  var status = document.querySelector("[data-board-status]");
  if (!board) return;
  var dragged = null;

  board.addEventListener("dragstart", function (event) {
    dragged = event.target.closest(".board__card");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.id);
  });

  board.querySelectorAll(".board__column").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      column.classList.add("board__column--target");
    });
    column.addEventListener("dragleave", function () {
      column.classList.remove("board__column--target");
    });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("board__column--target");
      if (!dragged || dragged.closest(".board__column") === column) return;
      move(dragged, column);
      dragged = null;
    });
  });

  function move(card, column) {
    var form = card.querySelector("form");
    var data = new FormData(form);
    data.set("stage", column.dataset.stage);
    fetch(card.dataset.moveUrl, {
      method: "POST", body: data, credentials: "same-origin", headers: {"HX-Request": "true"},
    }).then(function (response) {
      if (!response.ok) {
        // Someone else moved it meanwhile, or it failed: show the board as it is now.
        window.location.reload();
        return;
      }
      var from = card.closest(".board__column");
      column.querySelector(".board__cards").appendChild(card);
      form.querySelector("select").value = column.dataset.stage;
      var version = String(Number(form.elements.version.value) + 1);
      form.elements.version.value = version;
      card.dataset.version = version;
      recount(from, -1);
      recount(column, 1);
      status.textContent = card.querySelector("a").textContent + " → " +
        column.querySelector("h2").firstChild.textContent.trim();
    });
  }

  function recount(column, change) {
    var count = column.querySelector("h2 .muted");
    count.textContent = "(" + (Number(count.textContent.replace(/\D/g, "")) + change) + ")";
  }
})();
