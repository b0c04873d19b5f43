package org.rotograd4j.method;

import java.util.List;

/**
 * Registers methods with {@link Methods}, which finds every implementation on the class path through {@link
 * java.util.ServiceLoader}. Each method class of this package has a nested {@code Registration}, listed in
 * {@code META-INF/services} by AutoService, so a new method is one class; a method of another library registers
 * the same way.
 */
public interface MethodRegistration {

    /**
     * Returns the methods this registration adds.
     *
     * @return their descriptors, whose names are unique across all registrations
     */
    List<MethodDescriptor> descriptors();
}
