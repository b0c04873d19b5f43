package org.rotograd4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.annotation.processing.Processor;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.rotograd4j.annotations.SharedBackbone;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The packaged processor (run after {@code package}): JavaPoet is inside it under the processor's own package,
 * the installed pom does not depend on it (its compile and runtime dependencies are the annotations alone), and the jar alone processes a model.
 */
class ShadedJarIT {

    private static final Path JAR = Path.of(System.getProperty("processor.jar"));
    private static final Path POM = Path.of(System.getProperty("processor.pom"));
    private static final String RELOCATED = "org/rotograd4j/processor/internal/javapoet/";

    private static String read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void javaPoetIsRelocatedIntoTheJar() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertNotNull(jar.getEntry(RELOCATED + "JavaFile.class"));
            List<JarEntry> entries = jar.stream().toList();
            assertFalse(entries.stream().anyMatch(e -> e.getName().startsWith("com/palantir/")), "JavaPoet unrelocated");
            for (JarEntry entry : entries) {
                if (entry.getName().endsWith(".class")) {
                    assertFalse(read(jar, entry).contains("com/palantir/"), entry + " refers to JavaPoet's own package");
                }
            }
            assertEquals(RotoGradProcessor.class.getName(),
                    read(jar, jar.getJarEntry("META-INF/services/javax.annotation.processing.Processor")).strip());
            assertEquals(RotoGradProcessor.class.getName() + ",isolating",
                    read(jar, jar.getJarEntry("META-INF/gradle/incremental.annotation.processors")).strip());
        }
    }

    @Test
    void theInstalledPomDoesNotDependOnJavaPoet() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile());
        NodeList dependencies = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("/project/dependencies/dependency[not(scope) or scope='compile' or scope='runtime']"
                        + "/artifactId", pom, XPathConstants.NODESET);
        List<String> artifacts = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            artifacts.add(dependencies.item(i).getTextContent());
        }
        assertEquals(List.of("rotograd4j-annotations"), artifacts);
    }

    @Test
    void theJarAloneProcessesAModel() throws Exception {
        URL annotations = SharedBackbone.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL(), annotations},
                ClassLoader.getPlatformClassLoader())) {
            Processor processor = (Processor) loader.loadClass(RotoGradProcessor.class.getName())
                    .getConstructor().newInstance();
            Compilation compilation = Compiler.javac().withProcessors(processor).compile(Sources.model("Model",
                    "public class Model {",
                    "    @SharedBackbone Block backbone = Linear.builder().setUnits(8).build();",
                    "    @TaskHead(loss = TaskLoss.MSE) Block head = Linear.builder().setUnits(1).build();",
                    "}"));
            assertThat(compilation).succeededWithoutWarnings();
            assertTrue(compilation.generatedSourceFile("test.ModelTraining").isPresent());
        }
    }
}
