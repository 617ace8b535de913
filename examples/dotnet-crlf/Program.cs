var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "Hello from a CRLF Dockerfile");
app.Run();
