/* cchc: the unit picker (progressive enhancement; without it the input keeps its <datalist>).
   An <input data-unit-picker list="ID"> becomes a combobox: typing part of a name (diacritics
   and case ignored) or a code lists the matching options of the datalist: those whose own name
   matches first, then those matching by parent, dates or code, each in the server's order
   (current units first); ArrowUp/ArrowDown move, Enter picks, Escape closes; a tap picks. */
(function () {
  "use strict";
  var MAX = 30;
  function fold(s) {
    return s.replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  function enhance(input) {
    var source = document.getElementById(input.getAttribute("list"));
    if (!source) { return; }
    var options = Array.prototype.map.call(source.options, function (o) {
      return { value: o.value, hint: o.textContent, name: fold(o.value.split(" — ")[0]),
               key: fold(o.value + " " + o.textContent) };
    });
    var list = document.createElement("ul");
    var active = -1;
    var shown = [];
    list.id = input.id + "-listbox";
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.removeAttribute("list");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.appendChild(list);
    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function mark(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) {
        li.setAttribute("aria-selected", j === i ? "true" : "false");
      });
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({ block: "nearest" });
      }
    }
    function pick(i) {
      input.value = shown[i].value;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function open() {
      var typed = fold(input.value);
      var own = options.filter(function (o) { return o.name.indexOf(typed) >= 0; });
      var other = options.filter(function (o) {  // the parent's name, the dates, the code
        return o.name.indexOf(typed) < 0 && o.key.indexOf(typed) >= 0;
      });
      shown = typed ? own.concat(other).slice(0, MAX) : [];
      list.textContent = "";
      shown.forEach(function (o, i) {
        var li = document.createElement("li");
        var hint = document.createElement("small");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = o.value;
        hint.textContent = o.hint;
        li.appendChild(hint);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      list.hidden = !shown.length;
      input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
      mark(-1);
    }
    input.addEventListener("input", open);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) { open(); }
        if (!shown.length) { return; }
        e.preventDefault();
        var step = e.key === "ArrowDown" ? 1 : -1;
        mark((active + step + shown.length) % shown.length);
      } else if (e.key === "Enter" && !list.hidden && active >= 0) {
        e.preventDefault();
        pick(active);
      } else if (e.key === "Escape" && !list.hidden) {
        e.preventDefault();
        close();
      }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-unit-picker][list]"), enhance);
}());
