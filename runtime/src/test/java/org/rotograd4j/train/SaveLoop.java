package org.rotograd4j.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.List;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.Vanilla;
import org.rotograd4j.optim.Adam;

/**
 * The child JVM of {@link KillDuringSaveTest}: trains a model with 4 million parameters and saves it after
 * every step to the same file, saying "saving N" before and "saved N" after each save.
 */
public final class SaveLoop {

    static final int INPUTS = 1024;
    static final int FEATURE = 4096;

    private SaveLoop() {}

    static BatchTrainer trainer(NDManager manager) {
        MultiTaskModel model = MultiTaskModel.builder()
                .setBackbone(Linear.builder().setUnits(FEATURE).build())
                .addTask(Task.of("a", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("a")))
                .addTask(Task.of("b", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("b")))
                .build();
        model.initialize(manager, DataType.FLOAT32, new Shape(2, INPUTS));
        return new BatchTrainer(model, MultiTaskConfig.builder().optMethod(Vanilla::new).build());
    }

    /**
     * Saves forever (until killed).
     *
     * @param args the checkpoint file
     * @throws Exception when a step or a save fails
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchTrainer trainer = trainer(manager);
            NDList inputs = new NDList(manager.randomNormal(new Shape(2, INPUTS)));
            List<NDList> labels = List.of(new NDList(manager.ones(new Shape(2, 1))), new NDList(manager.zeros(new Shape(2, 1))));
            while (true) {
                trainer.step(inputs, labels);
                System.out.println("saving " + trainer.steps());
                System.out.flush();
                long start = System.nanoTime();
                trainer.save(file);
                System.out.println("saved " + trainer.steps() + " " + (System.nanoTime() - start) / 1_000_000);
                System.out.flush();
            }
        }
    }
}
