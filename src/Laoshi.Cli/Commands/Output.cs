using System.Text.Json;
using Laoshi.Server.Api;

namespace Laoshi.Cli.Commands;

/// <summary>Machine-readable output: the same JSON shapes as the HTTP API.</summary>
public static class Output
{
    public static void Json<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, ApiJson.Options));
}
