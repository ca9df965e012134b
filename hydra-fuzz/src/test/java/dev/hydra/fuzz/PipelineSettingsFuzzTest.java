package dev.hydra.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hydra.api.spi.Plugin;
import dev.hydra.core.osgi.PipelineSettings;
import dev.hydra.core.pipeline.HydraConfig;

/**
 * A pipeline's OSGi configuration (Configuration Admin's {@code dev.hydra.pipeline}: plugin names and HYDRA's
 * numbers): any values are accepted or rejected clearly; accepted names follow the plugin-name rule and accepted
 * numbers give a configuration that samples.
 */
class PipelineSettingsFuzzTest {

    /**
     * One input: six names and six numbers.
     *
     * @param data the fuzzer's input
     */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        String[] names = new String[6];
        for (int i = 0; i < names.length; i++) {
            names[i] = data.consumeString(80);
        }
        PipelineSettings settings;
        try {
            settings = new PipelineSettings(names[0], names[1], names[2], names[3], names[4], names[5],
                    new HydraConfig(data.consumeInt(), data.consumeInt(), data.consumeInt(), data.consumeDouble(),
                            data.consumeInt(), data.consumeLong()));
        } catch (RuntimeException e) {
            Rejections.requireClear(e);
            return;
        }
        for (String name : new String[] {settings.retriever(), settings.store(), settings.backend(),
                settings.task()}) {
            if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                throw new WrongAccept("a plugin name (" + Plugin.NAME_RULE + ")", "a rejection", name);
            }
        }
        HydraConfig config = settings.config();
        WrongAccept.unlessEqual("N of the sampling", config.n(), config.sampling().n());
    }

    @FuzzTest
    void replay(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }
}
