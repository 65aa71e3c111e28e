// predict_analytics (StorePush "Predict Analytics", weekly): forecasts every metric of the
// project's apps with stored analytics (lib/analytics/predict.ts); the result lists what was
// forecast, what was skipped for too little history, and how each app's summary went.
import { predictAnalytics as predictProjectAnalytics } from "@/lib/analytics/predict";
import type { JobHandler } from "@/lib/jobs/handler";

const predictAnalytics: JobHandler<"predict_analytics"> = async (_params, context) => {
  const result = await predictProjectAnalytics(context);
  context.log("predict_analytics finished", { forecasts: result.forecasts.length, skipped: result.skipped.length });
  return result;
};

export default predictAnalytics;
