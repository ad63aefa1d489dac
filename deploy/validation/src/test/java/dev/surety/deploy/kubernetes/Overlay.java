package dev.surety.deploy.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** What can be applied from deploy/kubernetes: the base and each overlay, rendered once per test run. */
enum Overlay {
    BASE("base"), DEV("overlays/dev"), PROD("overlays/prod");

    private static final Map<Overlay, Manifests> RENDERED = new EnumMap<>(Overlay.class);

    final String dir;

    Overlay(String dir) {
        this.dir = dir;
    }

    Path path() {
        return Repo.kubernetes().resolve(dir);
    }

    /**
     * The objects {@code kubectl kustomize} would print. Secret files that are never committed
     * ({@code overlays/prod/secrets/*.env}) are read from their committed {@code .example} when absent.
     */
    synchronized Manifests render() {
        return RENDERED.computeIfAbsent(this, o -> new Manifests(new Kustomize(Overlay::orExample).build(o.path())));
    }

    static Path orExample(Path file) {
        Path example = file.resolveSibling(file.getFileName() + ".example");
        return !Files.exists(file) && Files.exists(example) ? example : file;
    }

    @Override
    public String toString() {
        return dir;
    }
}
