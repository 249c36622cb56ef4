using Laoshi.Core.Errors;

namespace Laoshi.Learning.External;

/// <summary>A model that was asked failed or answered something unreadable: the fault is upstream, hence 502.</summary>
public sealed class ModelBackendException(string message, Exception? inner = null) : LaoshiException(message, inner)
{
    public override int StatusCode => 502;
}
