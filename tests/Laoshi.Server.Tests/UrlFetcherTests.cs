using System.Net;
using Laoshi.Core.Errors;
using Laoshi.Server.Hosting;
using Laoshi.Server.Importing;

namespace Laoshi.Server.Tests;

/// <summary>Imports from http(s) URLs: private addresses refused by default, size limits kept.</summary>
public sealed class UrlFetcherTests(SqliteServerFixture server) : IClassFixture<SqliteServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void Private_and_loopback_addresses_are_not_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, UrlFetcher.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task A_loopback_url_is_refused_unless_private_addresses_are_allowed()
    {
        var url = new Uri(server.BaseAddress, "openapi/v1.json").ToString();
        using (var strict = new UrlFetcher(new ImportSettings()))
        {
            var refused = await Assert.ThrowsAsync<BadInputException>(() => strict.DownloadAsync(url, Ct));
            Assert.Contains("private", refused.Message);
            Assert.Contains(url, refused.Message);
        }

        using var open = new UrlFetcher(new ImportSettings { AllowPrivateAddresses = true });
        var file = await open.DownloadAsync(url, Ct);
        try
        {
            Assert.Contains("/api/v1/projects", await File.ReadAllTextAsync(file, Ct));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_nothing_is_left_behind()
    {
        var url = new Uri(server.BaseAddress, "openapi/v1.json").ToString();
        using var fetcher = new UrlFetcher(new ImportSettings { AllowPrivateAddresses = true, MaxFileBytes = 100 });
        var before = Directory.GetFiles(Path.GetTempPath(), "laoshi-fetch-*").Length;
        var refused = await Assert.ThrowsAsync<BadInputException>(() => fetcher.DownloadAsync(url, Ct));
        Assert.Contains("larger than the limit", refused.Message);
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "laoshi-fetch-*").Length);
    }
}
