using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// Where something was read, resolved to a line and column only when a message needs it: locating a JSON value means
/// mapping the whole file, which a passing gate never has to do.
/// </summary>
public readonly struct Place
{
    private readonly JsonLocator? _locator;
    private readonly string? _pointer;
    private readonly string? _child;
    private readonly SourceLocation _location;

    private Place(JsonLocator? locator, string? pointer, string? child, SourceLocation location)
    {
        _locator = locator;
        _pointer = pointer;
        _child = child;
        _location = location;
    }

    /// <summary>A location already known.</summary>
    public static Place At(SourceLocation location) => new(null, null, null, location);

    /// <summary>The value at a JSON pointer of a file.</summary>
    public static Place In(JsonLocator locator, string pointer) => new(locator, pointer, null, default);

    /// <summary>The value of property <paramref name="child"/> of the object at <paramref name="parent"/>; the pointer is built only when asked.</summary>
    public static Place In(JsonLocator locator, string parent, string child) => new(locator, parent, child, default);

    public SourceLocation Resolve() => _locator is null ? _location : _locator.Locate(_child is null ? _pointer! : JsonSourceDocument.Child(_pointer!, _child));
}
