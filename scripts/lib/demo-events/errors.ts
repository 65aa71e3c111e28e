// The demo's recurring errors: six stack traces, each tied to a screen (or step) and to the app
// versions that have the bug. One appears only in 1.2.0 (a regression), two stop with the release
// that fixed them, so the issue scan has new, regressed and resolved issues to find.
import type { DemoPlatform, Screen } from "./app-model";

export interface RecurringError {
  key: string;
  platforms: readonly DemoPlatform[];
  /** The versions that have the bug. */
  versions: readonly string[];
  /** Where it happens: a screen visit, or the checkout web view starting. */
  where: Screen | "checkout";
  /** The chance per visit. */
  rate: number;
  /** A crash ends the session; a handled error does not. */
  fatal: boolean;
  type: string;
  message: string;
  stack: string;
  /** Sent by the client (the checkout's web SDK sets one); the others are grouped by stack. */
  fingerprint?: string;
  /** What a few of them carry as an attachment. */
  attachment?: "breadcrumbs" | "response";
}

const all = ["1.0.0", "1.1.0", "1.2.0"] as const;

const lines = (...frames: string[]) => frames.join("\n");

export const recurringErrors: readonly RecurringError[] = [
  {
    key: "ios-gallery-batch-update",
    platforms: ["apple"],
    versions: all,
    where: "Gallery",
    rate: 0.02,
    fatal: true,
    type: "NSInternalInconsistencyException",
    message: "Invalid update: invalid number of items in section 0. The number of items contained in an existing section after the update (41) must be equal to the number of items contained in that section before the update (40), plus or minus the number of items inserted or deleted from that section (0 inserted, 0 deleted).",
    stack: lines(
      "0   CoreFoundation                0x0000000180a5e2ec __exceptionPreprocess + 164",
      "1   libobjc.A.dylib               0x0000000180548158 objc_exception_throw + 60",
      "2   Foundation                    0x0000000181b8c3a8 -[NSAssertionHandler handleFailureInMethod:object:file:lineNumber:description:] + 188",
      "3   UIKitCore                     0x0000000184c3e6f0 -[UICollectionView _endItemAnimationsWithInvalidationContext:tentativelyForReordering:animator:collectionViewAnimator:] + 4128",
      "4   UIKitCore                     0x0000000184c3d5f4 -[UICollectionView performBatchUpdates:completion:] + 72",
      "5   DemoApp                       0x00000001002a4c18 GalleryViewController.apply(_:animated:) (GalleryViewController.swift:212)",
      "6   DemoApp                       0x00000001002a3e90 closure #1 in GalleryViewController.photoLibraryDidChange(_:) (GalleryViewController.swift:148)",
      "7   libdispatch.dylib             0x00000001803d0b2c _dispatch_call_block_and_release + 32",
      "8   libdispatch.dylib             0x00000001803d26f0 _dispatch_client_callout + 20",
      "9   libdispatch.dylib             0x00000001803e0f1c _dispatch_main_queue_callback_4CF + 944",
      "10  CoreFoundation                0x0000000180a1e6e4 __CFRUNLOOP_IS_SERVICING_THE_MAIN_DISPATCH_QUEUE__ + 16",
      "11  UIKitCore                     0x0000000184a2b0a0 UIApplicationMain + 340",
      "12  DemoApp                       0x0000000100204a10 main (AppDelegate.swift:14)",
    ),
    attachment: "breadcrumbs",
  },
  {
    // Fixed in 1.1.0: the upload queue no longer force-unwraps a photo deleted mid-upload.
    key: "ios-upload-nil-unwrap",
    platforms: ["apple"],
    versions: ["1.0.0"],
    where: "Upload",
    rate: 0.08,
    fatal: true,
    type: "EXC_BREAKPOINT",
    message: "Fatal error: Unexpectedly found nil while implicitly unwrapping an Optional value",
    stack: lines(
      "0   libswiftCore.dylib            0x000000019a1c8d20 _assertionFailure(_:_:file:line:flags:) + 264",
      "1   DemoApp                       0x00000001002f1b54 UploadQueue.startNext() (UploadQueue.swift:96)",
      "2   DemoApp                       0x00000001002f0e38 UploadQueue.enqueue(_:) (UploadQueue.swift:58)",
      "3   DemoApp                       0x00000001002e9a7c UploadViewController.uploadTapped(_:) (UploadViewController.swift:131)",
      "4   UIKitCore                     0x0000000184b1f7a4 -[UIApplication sendAction:to:from:forEvent:] + 100",
      "5   UIKitCore                     0x0000000184b1f5f8 -[UIControl sendAction:to:forEvent:] + 112",
      "6   UIKitCore                     0x0000000184b1ef04 -[UIControl _sendActionsForEvents:withEvent:] + 324",
      "7   UIKitCore                     0x0000000184a2b0a0 UIApplicationMain + 340",
      "8   DemoApp                       0x0000000100204a10 main (AppDelegate.swift:14)",
    ),
    attachment: "breadcrumbs",
  },
  {
    // New in 1.2.0: the profile model expects a field older accounts' responses lack.
    key: "ios-profile-decoding",
    platforms: ["apple"],
    versions: ["1.2.0"],
    where: "Profile",
    rate: 0.3,
    fatal: false,
    type: "Swift.DecodingError",
    message: 'keyNotFound(CodingKeys(stringValue: "subscriptionTier", intValue: nil), Swift.DecodingError.Context(codingPath: [], debugDescription: "No value associated with key CodingKeys(stringValue: \\"subscriptionTier\\", intValue: nil) (\\"subscriptionTier\\").", underlyingError: nil))',
    stack: lines(
      "0   DemoApp                       0x0000000100318a44 ProfileService.decodeProfile(from:) (ProfileService.swift:87)",
      "1   DemoApp                       0x0000000100317f20 ProfileService.loadProfile() async throws (ProfileService.swift:54)",
      "2   DemoApp                       0x00000001003b2c10 ProfileViewModel.refresh() async (ProfileViewModel.swift:31)",
      "3   DemoApp                       0x00000001003b1d98 closure #1 in ProfileView.body.getter (ProfileView.swift:22)",
      "4   libswift_Concurrency.dylib    0x00000001a6c1e2f4 completeTaskWithClosure(swift::AsyncContext*, swift::SwiftError*) + 1",
    ),
    attachment: "response",
  },
  {
    // Fixed in 1.2.0: the upload result is delivered to the view model, not the fragment.
    key: "android-upload-fragment-detached",
    platforms: ["android"],
    versions: ["1.0.0", "1.1.0"],
    where: "Upload",
    rate: 0.06,
    fatal: true,
    type: "java.lang.IllegalStateException",
    message: "Fragment UploadFragment{8c1f2e7} (3b9f0a52-6d1e-4c7a-9f63-2a1e5c8d7b40) not attached to a context.",
    stack: lines(
      "java.lang.IllegalStateException: Fragment UploadFragment{8c1f2e7} (3b9f0a52-6d1e-4c7a-9f63-2a1e5c8d7b40) not attached to a context.",
      "\tat androidx.fragment.app.Fragment.requireContext(Fragment.java:972)",
      "\tat androidx.fragment.app.Fragment.getResources(Fragment.java:1036)",
      "\tat androidx.fragment.app.Fragment.getString(Fragment.java:1058)",
      "\tat com.example.demoapp.upload.UploadFragment.onUploadFinished(UploadFragment.kt:143)",
      "\tat com.example.demoapp.upload.UploadFragment$observeUploads$1.invokeSuspend(UploadFragment.kt:98)",
      "\tat kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)",
      "\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:108)",
      "\tat android.os.Handler.handleCallback(Handler.java:958)",
      "\tat android.os.Handler.dispatchMessage(Handler.java:99)",
      "\tat android.os.Looper.loopOnce(Looper.java:205)",
      "\tat android.os.Looper.loop(Looper.java:294)",
      "\tat android.app.ActivityThread.main(ActivityThread.java:8177)",
      "\tat java.lang.reflect.Method.invoke(Native Method)",
      "\tat com.android.internal.os.RuntimeInit$MethodAndArgsCaller.run(RuntimeInit.java:552)",
      "\tat com.android.internal.os.ZygoteInit.main(ZygoteInit.java:971)",
    ),
    attachment: "breadcrumbs",
  },
  {
    key: "android-gallery-lateinit",
    platforms: ["android"],
    versions: all,
    where: "Gallery",
    rate: 0.025,
    fatal: true,
    type: "kotlin.UninitializedPropertyAccessException",
    message: "lateinit property adapter has not been initialized",
    stack: lines(
      "kotlin.UninitializedPropertyAccessException: lateinit property adapter has not been initialized",
      "\tat com.example.demoapp.gallery.GalleryFragment.getAdapter(GalleryFragment.kt:41)",
      "\tat com.example.demoapp.gallery.GalleryFragment.onPhotosLoaded(GalleryFragment.kt:117)",
      "\tat com.example.demoapp.gallery.GalleryFragment.access$onPhotosLoaded(GalleryFragment.kt:36)",
      "\tat com.example.demoapp.gallery.GalleryFragment$onViewCreated$2.emit(GalleryFragment.kt:79)",
      "\tat kotlinx.coroutines.flow.FlowKt__CollectKt$collect$3.emit(Collect.kt:30)",
      "\tat kotlinx.coroutines.flow.StateFlowImpl.collect(StateFlow.kt:396)",
      "\tat kotlinx.coroutines.flow.ReadonlyStateFlow.collect(Share.kt)",
      "\tat kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)",
      "\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:108)",
      "\tat android.os.Handler.handleCallback(Handler.java:958)",
      "\tat android.os.Looper.loop(Looper.java:294)",
      "\tat android.app.ActivityThread.main(ActivityThread.java:8177)",
    ),
  },
  {
    key: "checkout-plan-price",
    platforms: ["apple", "android"],
    versions: all,
    where: "checkout",
    rate: 0.2,
    fatal: false,
    type: "TypeError",
    message: "Cannot read properties of undefined (reading 'priceString')",
    stack: lines(
      "TypeError: Cannot read properties of undefined (reading 'priceString')",
      "    at PlanCard (https://checkout.example.com/assets/index-4f9c2a1b.js:2:48213)",
      "    at renderWithHooks (https://checkout.example.com/assets/vendor-react-9d1e7c3a.js:1:66211)",
      "    at updateFunctionComponent (https://checkout.example.com/assets/vendor-react-9d1e7c3a.js:1:70542)",
      "    at beginWork (https://checkout.example.com/assets/vendor-react-9d1e7c3a.js:1:83107)",
      "    at performUnitOfWork (https://checkout.example.com/assets/vendor-react-9d1e7c3a.js:1:118934)",
      "    at workLoopSync (https://checkout.example.com/assets/vendor-react-9d1e7c3a.js:1:118802)",
      "    at renderRootSync (https://checkout.example.com/assets/vendor-react-9d1e7c3a.js:1:118563)",
      "    at performConcurrentWorkOnRoot (https://checkout.example.com/assets/vendor-react-9d1e7c3a.js:1:115021)",
      "    at MessagePort.performWorkUntilDeadline (https://checkout.example.com/assets/vendor-react-9d1e7c3a.js:1:9314)",
    ),
    fingerprint: "checkout:PlanCard:priceString-undefined",
  },
];

/** The errors that can happen at `where` in this platform's version. */
export function errorsAt(platform: DemoPlatform, version: string, where: RecurringError["where"]): RecurringError[] {
  return recurringErrors.filter((error) => error.where === where && error.platforms.includes(platform) && error.versions.includes(version));
}
