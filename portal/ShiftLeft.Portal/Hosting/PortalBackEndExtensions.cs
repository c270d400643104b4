using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Hosting;

/// <summary>The back end of the web host: core services, authentication, authorization, problem details, OpenAPI.</summary>
public static class PortalBackEndExtensions
{
    public const string OpenIdConnectScheme = "oidc";

    public static WebApplicationBuilder AddPortalBackEnd(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddPortalCore(builder.Configuration);
        services.Configure<PortalAuthenticationOptions>(builder.Configuration.GetSection(PortalAuthenticationOptions.SectionName));
        var authOptions = builder.Configuration.GetSection(PortalAuthenticationOptions.SectionName).Get<PortalAuthenticationOptions>() ?? new();

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, IngestionTokenAuthenticationHandler>(IngestionTokenAuthenticationHandler.SchemeName, null);
        authentication.AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/signin";
            options.AccessDeniedPath = "/account/signin";
            options.ExpireTimeSpan = authOptions.CookieLifetime;
            options.SlidingExpiration = true;
            options.Cookie.Name = "shiftleft.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // API callers get status codes, not redirects to the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            options.Events.OnSigningIn = RecentSignIn.OnSigningIn;
            // Signing in on the sign-in page redirects to its ReturnUrl query value as is; a non-ASCII one made the Location
            // header throw (a 500). Only a local, percent-encoded address leaves here.
            options.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(LocalRedirect.Sanitize(context.RedirectUri));
                return Task.CompletedTask;
            };
        });
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = RecentSignIn.OnRefreshingPrincipal);
        services.AddSingleton<PortalActors>();
        if (authOptions.OpenIdConnect.IsEnabled) AddOpenIdConnect(authentication, authOptions.OpenIdConnect);

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.CanView, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser()
                .RequireRole(PortalRoles.Viewer, PortalRoles.Triager, PortalRoles.Admin))
            .AddPolicy(PortalPolicies.CanTriage, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser()
                .RequireRole(PortalRoles.Triager, PortalRoles.Admin))
            .AddPolicy(PortalPolicies.CanAdminister, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser()
                .RequireRole(PortalRoles.Admin))
            .AddPolicy(PortalPolicies.CanIngest, p => p.AddAuthenticationSchemes(IngestionTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

        services.AddProblemDetails();
        Api.PortalApi.ConfigureJson(services);
        services.AddExceptionHandler<PortalExceptionHandler>();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ShiftLeft portal API";
            document.Info.Description = "Ingestion of SARIF logs and evidence reports (bearer ingestion token), queries, triage, exports and admin (cookie sign-in).";
            return Task.CompletedTask;
        }));

        var maxUpload = builder.Configuration.GetValue<long?>("Portal:Ingestion:MaxUploadBytes") ?? new IngestionOptions().MaxUploadBytes;
        services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = maxUpload);
        services.AddScoped<OpenIdConnectSignIn>();
        services.AddHostedService<SpoolSweeper>();
        return builder;
    }

    /// <summary>Error handling and authentication middleware; call before <c>MapPortalUi</c> and <c>MapPortalApi</c>.</summary>
    public static WebApplication UsePortalBackEnd(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseControlCharacterGuard();
        // A page address that matches nothing gets the UI's not-found page with its 404. Registered outside the API's handler
        // below, which answers first and gives API paths their problem body, so this one only sees the pages.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStatusCodePages(async context =>
        {
            // Bare API status codes (404 for an unknown route, 405, …) still get a problem body.
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api") && http.Response.ContentLength is null && string.IsNullOrEmpty(http.Response.ContentType))
                await Results.Problem(statusCode: http.Response.StatusCode).ExecuteAsync(http).ConfigureAwait(false);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void AddOpenIdConnect(Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication, OpenIdConnectSettings settings) =>
        authentication.AddOpenIdConnect(OpenIdConnectScheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.CallbackPath = "/signin-oidc";
            options.MapInboundClaims = false;
            options.Scope.Clear();
            foreach (var scope in settings.Scopes) options.Scope.Add(scope);
            options.ClaimActions.MapAll();
        });
}
