namespace Kedro.Pipelines.Internal;

/// <summary>A bindable parameter of a node function (the <see cref="CancellationToken"/> is not one).</summary>
/// <param name="Name">The parameter name as declared.</param>
/// <param name="Type">The declared type (for a params array, the array type).</param>
/// <param name="ArgIndex">The position in the delegate's argument list.</param>
/// <param name="HasDefault">Whether the parameter may be omitted.</param>
/// <param name="DefaultValue">The value passed when it is omitted.</param>
/// <param name="IsParamsArray">Whether it is a trailing <c>params T[]</c> (Python's <c>*args</c>).</param>
internal sealed record NodeParameter(string Name, Type Type, int ArgIndex, bool HasDefault, object? DefaultValue, bool IsParamsArray);
