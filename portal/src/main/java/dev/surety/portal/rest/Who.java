package dev.surety.portal.rest;

import dev.surety.portal.security.Viewer;
import io.quarkus.qute.TemplateData;

/** The signed-in person as the page header shows them. */
@TemplateData
public record Who(boolean signedIn, String name, String roles, String tenant, boolean ops, boolean billing,
                  boolean customer) {

    static Who of(Viewer v) {
        if (!v.signedIn()) {
            return new Who(false, "", "", null, false, false, false);
        }
        return new Who(true, v.name(), v.roleLabel(), v.tenant(), v.ops(), v.billing(), v.customer());
    }
}
