using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Core;

/// <summary>Registers the portal core: database, Identity stores, ingestion, queries, commands and the start-up work.</summary>
public static class PortalCoreServiceCollectionExtensions
{
    /// <summary>
    /// Reads the <c>Portal</c> configuration section (and <c>ConnectionStrings:Portal</c>). Authentication schemes
    /// (cookie, OpenID Connect, bearer ingestion tokens) are the web host's job, not this library's.
    /// </summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.SectionName)).PostConfigure(options =>
        {
            if (string.IsNullOrWhiteSpace(options.Database.ConnectionString))
                options.Database.ConnectionString = configuration.GetConnectionString("Portal");
        });
        // First hosted service: migrations must run before anything (data protection's key ring) reads the database.
        services.AddHostedService<PortalStartup>();
        services.TryAddSingleton(sp =>
            sp.GetRequiredService<IOptions<PortalOptions>>().Value.ClockStart is { } start && sp.GetService<IHostEnvironment>()?.IsDevelopment() == true
                ? new ShiftedClock(start)
                : TimeProvider.System);
        services.TryAddSingleton(sp => CreateDatabase(sp.GetRequiredService<IOptions<PortalOptions>>().Value.Database, sp.GetService<IHostEnvironment>()?.ContentRootPath));
        services.TryAddSingleton<IDbContextFactory<PortalDbContext>>(sp => sp.GetRequiredService<PortalDatabase>());
        services.TryAddScoped(sp => sp.GetRequiredService<PortalDatabase>().CreateDbContext());
        services.TryAddSingleton(sp => new OwaspCategoryMap(sp.GetRequiredService<IOptions<PortalOptions>>().Value.OwaspCategories));

        // Keys in the database: cookies issued by one instance are readable by every other behind the load balancer.
        services.AddDataProtection().SetApplicationName("ShiftLeft.Portal").PersistKeysToDbContext<PortalDbContext>();

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.TryAddScoped<IOverviewService, OverviewService>();
        services.TryAddScoped<IRepositoryService, RepositoryService>();
        services.TryAddScoped<IFindingQueryService, FindingQueryService>();
        services.TryAddScoped<ITriageService, TriageService>();
        services.TryAddScoped<IAiSystemService, AiSystemService>();
        services.TryAddScoped<IExportService, ExportService>();
        services.TryAddScoped<IIngestionTokenService, IngestionTokenService>();
        services.TryAddScoped<IAuditLogService, AuditLogService>();
        services.TryAddScoped<IUserAdminService, UserAdminService>();
        services.TryAddScoped<IUserPreferenceService, UserPreferenceService>();
        services.TryAddScoped<IAdminBootstrapService, AdminBootstrapService>();
        services.TryAddScoped<IRunIngestionService, RunIngestionService>();
        return services;
    }

    /// <summary>Resolves the configured provider and connection string (SQLite default: a file under the content root).</summary>
    public static PortalDatabase CreateDatabase(DatabaseOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException(
                    "Portal:Database:Provider is PostgreSQL but no connection string is configured: set Portal:Database:ConnectionString " +
                    "(or ConnectionStrings:Portal), e.g. Host=db;Database=shiftleft;Username=shiftleft;Password=….");
            return new PortalDatabase(DatabaseProvider.PostgreSQL, options.ConnectionString);
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString)) return new PortalDatabase(DatabaseProvider.Sqlite, options.ConnectionString);
        var path = Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(contentRoot ?? AppContext.BaseDirectory, options.SqlitePath);
        return new PortalDatabase(DatabaseProvider.Sqlite, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path }.ToString());
    }
}
