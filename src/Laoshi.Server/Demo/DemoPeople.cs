using Laoshi.Server.Access;
using Laoshi.Storage;

namespace Laoshi.Server.Demo;

/// <summary>One demo account as the demo prints it.</summary>
public sealed record DemoCredential(string Email, string Password, string Role);

/// <summary>
/// The demo's people: a server admin, three annotators and a reviewer, with generated passwords, members of every
/// demo project. The passwords are stored hashed like any other; the only plain copy is the demo's credentials
/// file (owner read/write only) in the demo data folder, so a second start can print them again.
/// </summary>
public sealed class DemoPeople(LaoshiStore store, AccountService accounts)
{
    public const string CredentialsFile = "demo-credentials.txt";

    private static readonly (string Email, string Role, bool Admin)[] People =
    [
        ("admin@laoshi.demo", "owner", true),
        ("reviewer@laoshi.demo", "reviewer", false),
        ("annotator1@laoshi.demo", "annotator", false),
        ("annotator2@laoshi.demo", "annotator", false),
        ("annotator3@laoshi.demo", "annotator", false),
    ];

    public string CredentialsPath => Path.Combine(store.DataDirectory, CredentialsFile);

    /// <summary>Creates the people (once) and gives them their roles in the named projects.</summary>
    public async Task<IReadOnlyList<DemoCredential>> CreateAsync(IEnumerable<string> projects, CancellationToken ct)
    {
        var credentials = new List<DemoCredential>();
        var ids = new List<(long Id, string Role)>();
        foreach (var (email, role, admin) in People)
        {
            var existing = await store.Accounts.FindAsync(email, ct);
            if (existing is not null)
            {
                ids.Add((existing.Id, role));
                continue;
            }
            var created = await accounts.CreateAsync(email, null, admin, ct: ct);
            credentials.Add(new DemoCredential(email, created.GeneratedPassword!, admin ? "admin" : role));
            ids.Add((created.Account.Id, role));
        }
        foreach (var name in projects)
        {
            var project = await store.Projects.GetAsync(name, ct);
            foreach (var (id, role) in ids) await store.Memberships.SetAsync(project.Id, id, role, ct);
        }
        if (credentials.Count > 0) await SaveAsync(credentials, ct);
        return credentials;
    }

    /// <summary>The credentials a previous start saved, or none.</summary>
    public async Task<IReadOnlyList<DemoCredential>> LoadAsync(CancellationToken ct)
    {
        if (!File.Exists(CredentialsPath)) return [];
        var lines = await File.ReadAllLinesAsync(CredentialsPath, ct);
        return lines.Select(l => l.Split('\t')).Where(p => p.Length == 3).Select(p => new DemoCredential(p[0], p[1], p[2])).ToList();
    }

    private async Task SaveAsync(IReadOnlyList<DemoCredential> credentials, CancellationToken ct)
    {
        var text = string.Concat(credentials.Select(c => $"{c.Email}\t{c.Password}\t{c.Role}\n"));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new FileStream(CredentialsPath, options);
        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(text.AsMemory(), ct);
    }
}
