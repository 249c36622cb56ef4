using System.Net;
using System.Net.Sockets;
using Laoshi.Core.Errors;
using Laoshi.Server.Hosting;

namespace Laoshi.Server.Importing;

/// <summary>
/// Downloads http(s) files for imports, within a size and time limit. Private, loopback and link-local
/// addresses are refused unless allowed, checked on the address actually connected to, so a name that
/// resolves to the server's own network cannot be used to read it.
/// </summary>
public sealed class UrlFetcher : IDisposable
{
    private readonly HttpClient client;
    private readonly ImportSettings settings;

    public UrlFetcher(ImportSettings settings)
    {
        this.settings = settings;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            ConnectCallback = ConnectAsync,
        };
        client = new HttpClient(handler) { Timeout = settings.FetchTimeout };
    }

    public static bool IsUrl(string? value) =>
        value is not null && (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Downloads the URL to a new temporary file and returns its path; the caller deletes it.</summary>
    public async Task<string> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"laoshi-fetch-{Guid.NewGuid():N}{SafeExtension(url)}");
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BadInputException($"fetching {url} failed: HTTP {(int)response.StatusCode}", file: url);
            }
            if (response.Content.Headers.ContentLength > settings.MaxFileBytes)
            {
                throw new BadInputException($"{url} is larger than the limit of {settings.MaxFileBytes} bytes", file: url);
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var output = File.Create(temp);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > settings.MaxFileBytes)
                {
                    throw new BadInputException($"{url} is larger than the limit of {settings.MaxFileBytes} bytes", file: url);
                }
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return temp;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            File.Delete(temp);
            throw new BadInputException($"fetching {url} failed: {e.Message}", file: url);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => settings.AllowPrivateAddresses || IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to private addresses, which imports may not reach");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 127 || b[0] == 0
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] >= 224);
    }

    private static string SafeExtension(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        var extension = Path.GetExtension(path);
        return extension.Length is > 0 and <= 8 && extension.Skip(1).All(char.IsAsciiLetterOrDigit) ? extension : "";
    }

    public void Dispose() => client.Dispose();
}
