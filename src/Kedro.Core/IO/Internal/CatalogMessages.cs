namespace Kedro.IO.Internal;

/// <summary>Forwards the runners' and shared memory's message calls to <see cref="CatalogErrors"/> and <see cref="Kedro.Text.TypeNames"/>.</summary>
internal static class CatalogMessages
{
    public static string TypeName(Type type) => Kedro.Text.TypeNames.Of(type);

    public static string InvalidArguments(string name, string type, Exception error) => CatalogErrors.InvalidArgumentsMessage(name, type, error);

    public static string UnexpectedArgument(string type, string argument) => CatalogErrors.UnexpectedArgumentMessage(type, argument);
}
