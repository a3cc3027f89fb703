import { WriterLabel as WriterLabel_7ab44f457408c9eb27ba36fd1c1ef913 } from '../../../components/WriterLabel.tsx'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StageCell as StageCell_e2d514022d0f424a87466500db467546 } from '../../../components/WorkflowCells.tsx'
import { WorkflowPanel as WorkflowPanel_5c5544dfdca7ee429b481d78b846eb52 } from '../../../components/WorkflowPanel.tsx'
import { ScheduledCell as ScheduledCell_e2d514022d0f424a87466500db467546 } from '../../../components/WorkflowCells.tsx'
import { NoField as NoField_e2d514022d0f424a87466500db467546 } from '../../../components/WorkflowCells.tsx'
import { PreviewLinkControl as PreviewLinkControl_6211647e4d0d693ff1c032fcf7d46391 } from '../../../components/PreviewLinkControl.tsx'
import { DocumentVersions as DocumentVersions_a2d36bd00694fe12a4edb970bbd48989 } from '../../../components/DocumentVersions.tsx'
import { DigestItemLabel as DigestItemLabel_a1953297806ac81f6e91eeb74bd78f9c } from '../../../components/DigestItemLabel.tsx'
import { DigestEmailControl as DigestEmailControl_19dc4d3d94aa37f8d4b97734a2bc6a70 } from '../../../components/DigestBuilder/DigestEmailControl.tsx'
import { BuildDigestLink as BuildDigestLink_48acfbde886e02d741eafb551332617d } from '../../../components/DigestBuilder/BuildDigestLink.tsx'
import { DigestBuilderView as DigestBuilderView_ca2d7165f395d05a3fad69f543b48ec1 } from '../../../components/DigestBuilder/index.tsx'
import { ChatPasteWarning as ChatPasteWarning_988efcd6718447be487548d5d5f81d65 } from '../../../components/ChatPasteWarning.tsx'
import { SecretControl as SecretControl_3033929e2006e4a133c6cdf70d984b34 } from '../../../components/webhooks/SecretControl.tsx'
import { WebhookTools as WebhookTools_b4c1d88b160daf9ab524866f8b0bd419 } from '../../../components/webhooks/WebhookTools.tsx'
import { ReplayDelivery as ReplayDelivery_fad0d96a987035e22817a5eb8e9867cd } from '../../../components/webhooks/ReplayDelivery.tsx'
import { NotificationBell as NotificationBell_0a70d43eb4cd244b76f46f2c6e26705f } from '../../../components/Notifications/NotificationBell.tsx'
import { EditorialDashboard as EditorialDashboard_feb23b338060bca77324133535895222 } from '../../../components/EditorialDashboard/index.tsx'
import { AdminBrowserFixes as AdminBrowserFixes_3cecd8feb98dc2765c491631a2b0adcc } from '../../../components/AdminBrowserFixes.tsx'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/components/WriterLabel.tsx#WriterLabel": WriterLabel_7ab44f457408c9eb27ba36fd1c1ef913,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/components/WorkflowCells.tsx#StageCell": StageCell_e2d514022d0f424a87466500db467546,
  "/components/WorkflowPanel.tsx#WorkflowPanel": WorkflowPanel_5c5544dfdca7ee429b481d78b846eb52,
  "/components/WorkflowCells.tsx#ScheduledCell": ScheduledCell_e2d514022d0f424a87466500db467546,
  "/components/WorkflowCells.tsx#NoField": NoField_e2d514022d0f424a87466500db467546,
  "/components/PreviewLinkControl.tsx#PreviewLinkControl": PreviewLinkControl_6211647e4d0d693ff1c032fcf7d46391,
  "/components/DocumentVersions.tsx#DocumentVersions": DocumentVersions_a2d36bd00694fe12a4edb970bbd48989,
  "/components/DigestItemLabel.tsx#DigestItemLabel": DigestItemLabel_a1953297806ac81f6e91eeb74bd78f9c,
  "/components/DigestBuilder/DigestEmailControl.tsx#DigestEmailControl": DigestEmailControl_19dc4d3d94aa37f8d4b97734a2bc6a70,
  "/components/DigestBuilder/BuildDigestLink.tsx#BuildDigestLink": BuildDigestLink_48acfbde886e02d741eafb551332617d,
  "/components/DigestBuilder/index.tsx#DigestBuilderView": DigestBuilderView_ca2d7165f395d05a3fad69f543b48ec1,
  "/components/ChatPasteWarning.tsx#ChatPasteWarning": ChatPasteWarning_988efcd6718447be487548d5d5f81d65,
  "/components/webhooks/SecretControl.tsx#SecretControl": SecretControl_3033929e2006e4a133c6cdf70d984b34,
  "/components/webhooks/WebhookTools.tsx#WebhookTools": WebhookTools_b4c1d88b160daf9ab524866f8b0bd419,
  "/components/webhooks/ReplayDelivery.tsx#ReplayDelivery": ReplayDelivery_fad0d96a987035e22817a5eb8e9867cd,
  "/components/Notifications/NotificationBell.tsx#NotificationBell": NotificationBell_0a70d43eb4cd244b76f46f2c6e26705f,
  "/components/EditorialDashboard/index.tsx#EditorialDashboard": EditorialDashboard_feb23b338060bca77324133535895222,
  "/components/AdminBrowserFixes.tsx#AdminBrowserFixes": AdminBrowserFixes_3cecd8feb98dc2765c491631a2b0adcc,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
