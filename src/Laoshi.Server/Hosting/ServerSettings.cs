namespace Laoshi.Server.Hosting;

/// <summary>Settings of one Laoshi server process.</summary>
public sealed record ServerSettings
{
    /// <summary>The data folder: SQLite database (unless <see cref="Database"/> is set) and blobs.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>A PostgreSQL connection string, or null for SQLite inside the data folder.</summary>
    public string? Database { get; init; }

    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Where the built web UI lives (index.html); null serves none.</summary>
    public string? WebRoot { get; init; }

    public ImportSettings Import { get; init; } = new();

    /// <summary>Sign-in lockout and session lifetime.</summary>
    public Access.AccountSettings Accounts { get; init; } = new();

    /// <summary>How this process takes part in the shared job queue (lease, concurrency, attempts).</summary>
    public Jobs.JobSettings Jobs { get; init; } = new();
}

/// <summary>Limits for imports, in particular for files fetched from http(s) URLs.</summary>
public sealed record ImportSettings
{
    public long MaxFileBytes { get; init; } = 200L * 1024 * 1024;
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Off by default so an import cannot be used to reach the server's private network.</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>How many refused rows an import reports in its summary (all go to the bad-rows file).</summary>
    public int MaxReportedErrors { get; init; } = 100;
}
