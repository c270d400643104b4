using ShiftLeft.Portal.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPortalUi();

var app = builder.Build();
app.MapPortalUi();
app.Run();

/// <summary>Entry point, visible to tests that host the portal on a real Kestrel server.</summary>
public partial class Program;
