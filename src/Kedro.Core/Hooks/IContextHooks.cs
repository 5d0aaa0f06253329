namespace Kedro.Hooks;

/// <summary>Hooks on the project context (Kedro's <c>KedroContextSpecs</c>). Every member has an empty default body.</summary>
public interface IContextHooks
{
    /// <summary>Called each time the project context is created (Kedro's <c>after_context_created</c>).</summary>
    /// <param name="context">The new context (a <c>KedroContext</c> from <c>Kedro.Framework</c>).</param>
    void AfterContextCreated(object context)
    {
    }
}
