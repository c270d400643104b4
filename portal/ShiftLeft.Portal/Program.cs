using ShiftLeft.Portal.Api;
using ShiftLeft.Portal.Components;
using ShiftLeft.Portal.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalBackEnd();
builder.Services.AddPortalUi();

var app = builder.Build();
app.UsePortalBackEnd();
app.MapPortalApi();
app.MapPortalUi();
app.Run();

/// <summary>Entry point, visible to tests that host the portal on a real Kestrel server.</summary>
public partial class Program;
