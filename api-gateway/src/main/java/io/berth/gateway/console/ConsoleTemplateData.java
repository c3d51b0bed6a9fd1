package io.berth.gateway.console;

import io.quarkus.qute.TemplateData;

/**
 * The records the console's shared tags (charts, the history slider, the instance map) read without a declared type: Qute resolves their
 * members at build time only when told, and the records themselves stay free of Qute.
 */
@TemplateData(target = TimeChart.class)
@TemplateData(target = TimeChart.Line.class)
@TemplateData(target = TimeChart.Rule.class)
@TemplateData(target = TimeChart.Tick.class)
@TemplateData(target = ConsoleResource.History.class)
@TemplateData(target = ConsoleResource.View.class)
@TemplateData(target = InstanceMap.class)
@TemplateData(target = InstanceMap.Box.class)
@TemplateData(target = InstanceMap.Slice.class)
@TemplateData(target = InstanceMap.Instance.class)
@TemplateData(target = InstanceMap.Task.class)
final class ConsoleTemplateData {

    private ConsoleTemplateData() {
    }
}
