package io.kvflex.e2e;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The {@code @k3s} scenarios on a k3s cluster (Failsafe execution {@code e2e-k3s} sets {@code
 * kvflex.e2e.backend=k3s}). Where no Docker engine answers, each is reported skipped with the
 * reason. Reports: {@code e2e/target/cucumber-k3s/}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.kvflex.e2e.steps")
@IncludeTags("k3s")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
@ConfigurationParameter(
    key = PLUGIN_PROPERTY_NAME,
    value =
        "summary, json:target/cucumber-k3s/cucumber.json, html:target/cucumber-k3s/cucumber.html,"
            + " junit:target/cucumber-k3s/cucumber.xml")
public class RunK3sCucumberIT {}
