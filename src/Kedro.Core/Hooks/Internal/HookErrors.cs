
namespace Kedro.Hooks.Internal;

/// <summary>Creates the exceptions of hook registration with their messages, in one place.</summary>
internal static class HookErrors
{
    public static ArgumentException ClassInsteadOfInstance(string parameterName) =>
        new("KedroSession expects hooks to be registered as instances. Have you forgotten the `()` when registering a hook class ?",
            parameterName);

    public static ArgumentException NoHookInterface(object hooks, string parameterName) =>
        new($"'{TypeNames.OfValue(hooks)}' implements none of the hook interfaces (INodeHooks, IPipelineHooks, IDatasetHooks, ICatalogHooks, IContextHooks).",
            parameterName);
}
