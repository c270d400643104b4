using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>The grammars, the text rules and the re-authentication clock as units (the catalogue tests them over HTTP).</summary>
public sealed class HostileInputRuleTests
{
    [Theory]
    [InlineData("SL0003", true)]
    [InlineData("CA1822", true)]
    [InlineData("IDE0005", true)]
    [InlineData("SYSLIB0014", true)]
    [InlineData("a/b.c-d_e", true)]
    [InlineData("", false)]
    [InlineData("1SL", false)]
    [InlineData("_SL", false)]
    [InlineData("SL 0003", false)]
    [InlineData("SL0003\n", false)]
    [InlineData("<svg onload=alert(1)>", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("SL\"0003", false)]
    [InlineData("ÉL0003", false)]
    [InlineData("A..B/c.d/e..", true)]
    [InlineData("A/../../admin/tokens", false)]
    [InlineData("A/./b", false)]
    [InlineData("A/.", false)]
    [InlineData("A/..", false)]
    [InlineData("A//b", false)]
    [InlineData("A/", false)]
    public void Rule_ids_follow_the_grammar(string id, bool valid) => Assert.Equal(valid, RuleIds.IsValid(id));

    [Fact]
    public void A_rule_id_has_at_most_a_hundred_characters()
    {
        Assert.True(RuleIds.IsValid("S" + new string('1', 99)));
        Assert.False(RuleIds.IsValid("S" + new string('1', 100)));
    }

    [Theory]
    [InlineData("contoso/chatbot", true)]
    [InlineData("Contoso/Chat.Bot-2_x", true)]
    [InlineData("group/sub/project", true)]
    [InlineData("Fabrikam/Fiber Team/web", true)]
    [InlineData("single", true)]
    [InlineData(".github/.github", true)]
    [InlineData("", false)]
    [InlineData("/contoso/chatbot", false)]
    [InlineData("contoso/chatbot/", false)]
    [InlineData("contoso//chatbot", false)]
    [InlineData("contoso/../etc", false)]
    [InlineData("contoso/./x", false)]
    [InlineData("contoso/ x", false)]
    [InlineData("contoso/a  b", false)]
    [InlineData("contoso/<b>", false)]
    [InlineData("contoso/a\"b", false)]
    [InlineData("contoso/dépôt", false)]
    [InlineData("contoso\\chatbot", false)]
    [InlineData("contoso/a\tb", false)]
    public void Repository_names_follow_the_grammar(string name, bool valid) => Assert.Equal(valid, RepositoryNames.IsValid(name));

    [Fact]
    public void Repository_names_are_one_repository_whatever_their_case()
    {
        Assert.Equal("contoso/repo", RepositoryNames.Canonical("Contoso/Repo"));
        Assert.True(RepositoryNames.Same("Contoso/Repo", "contoso/REPO"));
        Assert.False(RepositoryNames.Same("contoso/repo", "contoso/repo2"));
        Assert.False(RepositoryNames.IsValid(new string('a', 201)));
        Assert.True(RepositoryNames.IsValid(new string('a', 200)));
    }

    [Theory]
    [InlineData("https://learn.microsoft.com/dotnet/fundamentals/code-analysis/quality-rules/ca1822", "https://learn.microsoft.com/dotnet/fundamentals/code-analysis/quality-rules/ca1822")]
    [InlineData("https://example.test/a b", "https://example.test/a%20b")]
    [InlineData("http://example.test/rule", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("JavaScript:alert(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("//evil.example/x", null)]
    [InlineData("/rules/SL0001", null)]
    [InlineData("https://user:secret@example.test/", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_https_help_links_are_kept(string? value, string? expected) => Assert.Equal(expected, HttpsLinks.OrNull(value));

    [Fact]
    public void Control_characters_are_removed_from_free_text_but_tabs_and_line_breaks_stay()
    {
        Assert.Equal("a\tb\r\nc", ControlCharacters.Strip("a\0\tb\u0007\r\n\u001bc\u007f\u0085", out var removed));
        Assert.Equal(5, removed);
        Assert.Same("plain", ControlCharacters.Strip("plain", out removed));
        Assert.Equal(0, removed);
        Assert.False(ControlCharacters.Any("line\nbreak\ttab"));
        Assert.True(ControlCharacters.Any("nul\0"));

        var stripped = new StrippedControlCharacters();
        Assert.Equal("ab", stripped.Clean("a\0b", "result 0, message.text"));
        Assert.Equal("cd", stripped.Clean("c\u0001\u0002d", "result 1, message.text"));
        Assert.Equal("3 control characters removed from the text (first: result 0, message.text (U+0000)); the text is stored without them.", stripped.Warning("the text"));
        Assert.Null(new StrippedControlCharacters().Warning("the text"));
    }

    [Fact]
    public void A_quoted_value_shows_control_characters_as_escapes_and_is_cut_short()
    {
        Assert.Equal("SL\\u00000001", ControlCharacters.Quote("SL\u00000001"));
        Assert.Equal(new string('x', 120) + "…", ControlCharacters.Quote(new string('x', 500)));
    }

    [Fact]
    public void A_sign_in_is_recent_within_the_window_and_never_from_the_future()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var window = TimeSpan.FromMinutes(15);
        Assert.True(RecentSignIn.IsRecent(now.AddMinutes(-14), now, window));
        Assert.False(RecentSignIn.IsRecent(now.AddMinutes(-15), now, window));
        Assert.False(RecentSignIn.IsRecent(now.AddMinutes(1), now, window));
        Assert.False(RecentSignIn.IsRecent(null, now, window));
        Assert.False(RecentSignIn.IsRecent(now, now, TimeSpan.Zero));
    }

    [Fact]
    public void Refreshing_the_principal_keeps_the_sign_in_time()
    {
        var signedIn = new ClaimsPrincipal(new ClaimsIdentity([new Claim(RecentSignIn.ClaimType, "1772442000")], "Identity.Application"));
        var rebuilt = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], "Identity.Application"));
        RecentSignIn.OnRefreshingPrincipal(new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = signedIn, NewPrincipal = rebuilt });
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772442000), RecentSignIn.SignedInAt(rebuilt));
    }

    [Fact]
    public void Sensitive_commands_need_a_recently_authenticated_admin()
    {
        var admin = new PortalActor("a", "admin", [PortalRoles.Admin]);
        Assert.Throws<PortalReauthenticationRequiredException>(admin.DemandRecentAdmin);
        (admin with { RecentlyAuthenticated = true }).DemandRecentAdmin();
        Assert.Throws<PortalForbiddenException>(new PortalActor("t", "triager", [PortalRoles.Triager]) { RecentlyAuthenticated = true }.DemandRecentAdmin);
    }
}
