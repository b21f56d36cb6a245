package io.gitops4j.core.appset.gotemplate;

import java.util.List;

/** A function callable from a template; arguments are already evaluated. */
@FunctionalInterface
interface TemplateFunction {

    /**
     * @throws FunctionException when the arguments do not fit or the call fails
     */
    Object apply(List<Object> args);
}
