// Progress for large uploads. Optional: without JavaScript the form posts normally.
(function () {
  var form = document.getElementById("upload-form");
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (ev) {
    var input = document.getElementById("file");
    if (!input || !input.files || !input.files.length) return; // let the server say so
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener("load", function () {
      // Follow the server's redirect, or show the page it rendered (errors included).
      if (xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);
      } else {
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    });
    xhr.addEventListener("error", function () { form.submit(); });
    xhr.send(new FormData(form));
  });
})();
