package dev.surety.agreement.openslo;

/**
 * One reason an OpenSLO import was refused.
 *
 * @param path    where in the YAML stream, e.g. {@code documents[2].spec.budgetingMethod}; documents are
 *                counted from 0 in stream order, keys that are not plain identifiers are bracketed
 *                ({@code metadata.annotations["surety.dev/short-window"]})
 * @param message what is wrong there and, where Surety cannot do it, why
 */
public record ImportError(String path, String message) {
}
