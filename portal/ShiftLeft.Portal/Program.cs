using ShiftLeft.Portal.Api;
using ShiftLeft.Portal.Components;
using ShiftLeft.Portal.Hosting;

var builder = WebApplication.CreateBuilder(args);
// `dotnet run` outside Development must still serve the packages' static web assets (MudBlazor's JS and CSS);
// a published app has them in wwwroot and this is a no-op there.
builder.WebHost.UseStaticWebAssets();
builder.AddPortalBackEnd();
builder.Services.AddPortalUi();

var app = builder.Build();
if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UsePortalBackEnd();
app.MapPortalApi();
app.MapPortalUi();
app.Run();
return 0;

/// <summary>Entry point, visible to tests that host the portal on a real Kestrel server.</summary>
public partial class Program;
