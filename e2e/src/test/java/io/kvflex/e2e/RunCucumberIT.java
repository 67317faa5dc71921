package io.kvflex.e2e;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature under {@code features/} on the backend chosen by {@code
 * -Dkvflex.e2e.backend=host|k3s} (host by default). Failsafe runs it after the plugin folder is
 * packaged. Reports: {@code e2e/target/cucumber/}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.kvflex.e2e.steps")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
@ConfigurationParameter(
    key = PLUGIN_PROPERTY_NAME,
    value =
        "summary, json:target/cucumber/cucumber.json, html:target/cucumber/cucumber.html,"
            + " junit:target/cucumber/cucumber.xml")
public class RunCucumberIT {}
