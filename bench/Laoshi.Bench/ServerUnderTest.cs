using System.Net;
using System.Net.Sockets;

namespace Laoshi.Bench;

/// <summary>`laoshi serve` started as a child process on a free 127.0.0.1 port, ready when /health answers.</summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    private ServerUnderTest(ChildProcess process, Uri address)
    {
        Process = process;
        Address = address;
    }

    public ChildProcess Process { get; }

    public Uri Address { get; }

    public static async Task<ServerUnderTest> StartAsync(LaoshiCli cli, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = cli.Start("serve", "--urls", address.ToString().TrimEnd('/'));
        var server = new ServerUnderTest(process, address);
        try
        {
            await server.WaitUntilHealthyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited) throw new BenchmarkFailedException($"the server exited while starting:\n{Process.Output}");
            try
            {
                using var response = await client.GetAsync("/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new BenchmarkFailedException($"the server did not answer /health within {StartLimit.TotalSeconds} s:\n{Process.Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<MeasuredRun> StopAsync() => await Process.StopAsync(TimeSpan.FromSeconds(15));

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
