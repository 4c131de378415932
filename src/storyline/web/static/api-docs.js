// Starts the vendored Swagger UI on /api/docs (a file of ours, so no inline script is needed
// and the page's content security policy can keep script-src 'self').
window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  if (root && window.SwaggerUIBundle) {
    window.SwaggerUIBundle({
      url: root.dataset.openapi,
      dom_id: "#swagger-ui",
      deepLinking: true,
      docExpansion: "list",
      defaultModelsExpandDepth: 0,
      tryItOutEnabled: false,
    });
  }
});
