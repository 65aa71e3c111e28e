// push_build (StorePush "Push Build"): attaches a build, by build number, to the version being
// prepared and, with submitForReview, submits that version to App Review (review submission →
// its item → submitted). Only a VALID build can be attached; anything else fails the run before
// App Store Connect is asked to change something.
import type { JobHandler } from "@/lib/jobs/handler";
import { attachBuild, findBuild, findVersion, getVersion, submitForReview } from "@/lib/appstore/api";
import { connectAppStore } from "@/lib/integrations/app-store";
import { saveBuilds, saveVersion } from "@/lib/appstore/store";

const pushBuild: JobHandler<"push_build"> = async (params, context) => {
  const session = await connectAppStore(context);
  const total = params.submitForReview ? 4 : 3;
  const step = (processed: number, message: string) => context.progress({ processed, total, message });

  step(0, params.version ? `Finding version ${params.version}` : "Finding the version being prepared");
  const version = await findVersion(session.client, session.appId, params.version);
  const versionString = version.attributes.versionString;
  step(1, `Finding build ${params.buildNumber}`);
  const build = await findBuild(session.client, session.appId, params.buildNumber);
  await saveBuilds(session.projectId, [build]);
  if (build.attributes.processingState !== "VALID") {
    throw new Error(`Build ${params.buildNumber} is ${build.attributes.processingState}; only a VALID build can be attached to a version`);
  }
  if (context.isCancelled()) return { version: versionString, buildNumber: params.buildNumber, attached: false, submitted: false };

  step(2, `Attaching build ${params.buildNumber} to ${versionString}`);
  await attachBuild(session.client, version.id, build.id);
  let result: Record<string, unknown> = { version: versionString, buildNumber: params.buildNumber, attached: true, submitted: false };
  if (params.submitForReview && !context.isCancelled()) {
    step(3, `Submitting ${versionString} for review`);
    const submission = await submitForReview(session.client, session.appId, version);
    result = { ...result, submitted: true, reviewSubmissionId: submission.id, submissionState: submission.attributes.state };
  }

  // The version as App Store Connect now has it: its build and, after a submission, its state.
  await saveVersion(session.projectId, await getVersion(session.client, version.id));
  step(total, result.submitted ? `Build ${params.buildNumber} attached to ${versionString} and submitted for review` : `Build ${params.buildNumber} attached to ${versionString}`);
  return result;
};

export default pushBuild;
